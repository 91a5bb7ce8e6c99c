/** Reading a YAML REST test file: its setup, teardown and tests, and whether `skip`/`requires` let each one run. */
import { readFileSync } from "node:fs";
import { loadAll } from "js-yaml";
import type { Step } from "./steps";

/** Runner features (the `skip: features:` names) this runner implements. */
export const FEATURES = new Set(["headers", "transform_and_set", "stash_in_path", "stash_in_key"]);

export interface UpstreamTest {
  name: string;
  steps: Step[];
}

export interface UpstreamFile {
  setup: Step[];
  teardown: Step[];
  tests: UpstreamTest[];
}

export function readSuite(path: string): UpstreamFile {
  const file: UpstreamFile = { setup: [], teardown: [], tests: [] };
  // js-yaml, like the Java runner's SnakeYAML, accepts the loosely indented flow maps the upstream files use.
  for (const document of loadAll(readFileSync(path, "utf8"))) {
    const sections = (document ?? {}) as Record<string, Step[]>;
    for (const [name, steps] of Object.entries(sections)) {
      if (name === "setup") file.setup = steps ?? [];
      else if (name === "teardown") file.teardown = steps ?? [];
      else file.tests.push({ name, steps: steps ?? [] });
    }
  }
  return file;
}

function parseVersion(text: string): number[] {
  return text.trim().split(".").map((n) => Number.parseInt(n, 10) || 0);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** `" - 8.12.99"`, `"8.0.0 - "`, `"8.1.0 - 8.3.99"`, several separated by commas, or `all`. */
function inRanges(version: string, ranges: string): boolean {
  if (ranges.trim() === "all") return true;
  const v = parseVersion(version);
  return ranges.split(",").some((range) => {
    const [low, high] = range.split("-").map((s) => s.trim());
    return (!low || compareVersions(v, parseVersion(low)) >= 0) && (!high || compareVersions(v, parseVersion(high)) <= 0);
  });
}

export type Verdict = { run: true } | { run: false; kind: "skipped" | "not-runnable"; reason: string };

/** Applies the `skip`/`requires` steps of setup and of the test, in that order, for a cluster of `version`. */
export function verdict(steps: Step[], version: string): Verdict {
  for (const step of steps) {
    const skip = step.skip as Record<string, unknown> | undefined;
    const requires = step.requires as Record<string, unknown> | undefined;
    const features = [skip?.features, requires?.test_runner_features].flat().filter((f): f is string => typeof f === "string");
    const missing = features.filter((f) => !FEATURES.has(f));
    if (missing.length > 0) return { run: false, kind: "not-runnable", reason: `runner feature [${missing.join(", ")}] is not implemented` };
    if (typeof skip?.version === "string" && inRanges(version, skip.version)) {
      return { run: false, kind: "skipped", reason: `skipped on ${version}: ${String(skip.reason ?? "")}` };
    }
    const clusterFeatures = [requires?.cluster_features].flat().filter((f): f is string => typeof f === "string");
    for (const feature of clusterFeatures) {
      const gte = /^gte_v(\d+\.\d+\.\d+)$/.exec(feature);
      if (!gte) return { run: false, kind: "not-runnable", reason: `cluster feature [${feature}] is unknown to the runner` };
      if (compareVersions(parseVersion(version), parseVersion(gte[1]!)) < 0) {
        return { run: false, kind: "skipped", reason: `requires ${feature}: ${String(requires?.reason ?? "")}` };
      }
    }
  }
  return { run: true };
}
