// What `npm pack` / `npm publish` would ship: only the built package, every `exports` target inside it, source maps
// that resolve, the license, and the dependency declarations users rely on (issue #17).
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/stack";
import { APP_PULUMI_VERSION, PACKAGE_JSON, RUNTIMES, npm, tool } from "./app";

let packed: string[];
beforeAll(async () => {
  const run = await npm(["pack", "--dry-run", "--ignore-scripts", "--json"], REPO_ROOT);
  packed = (JSON.parse(run.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
}, 120_000);

/** "3.248.0" → [3, 248, 0] */
const parts = (version: string) => version.split(".").map(Number) as [number, number, number];

describe("the tarball", () => {
  it("holds the built package, the README and the LICENSE, and nothing else", () => {
    const outside = packed.filter((f) => !f.startsWith("dist/") && !["package.json", "README.md", "LICENSE"].includes(f));
    expect(outside).toEqual([]);
    expect(packed.filter((f) => /\.test\.|^dist\/(test|examples|scripts)\//.test(f))).toEqual([]);
    expect(packed.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(packed).toContain("LICENSE");
  });

  it("contains `main`, `types` and every target of `exports`", () => {
    const targets = [PACKAGE_JSON.main, PACKAGE_JSON.types];
    for (const entry of Object.values(PACKAGE_JSON.exports)) targets.push(...(typeof entry === "string" ? [entry] : Object.values(entry)));
    const expanded = targets.flatMap((t) => (t.includes("*") ? RUNTIMES.map((r) => t.replace("*", r)) : [t]));
    expect(RUNTIMES.length).toBeGreaterThanOrEqual(5);
    for (const target of expanded) expect(packed, target).toContain(path.posix.normalize(target));
  });

  it("ships source maps that resolve: each named map is packed and carries the sources it maps", () => {
    const scripts = packed.filter((f) => f.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(path.join(REPO_ROOT, script), "utf8"))?.[1];
      if (url === undefined) continue;
      const map = path.posix.join(path.posix.dirname(script), url);
      expect(packed, `${script} names ${map}`).toContain(map);
      const json = JSON.parse(readFileSync(path.join(REPO_ROOT, map), "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
      json.sources.forEach((source, i) => {
        const inPackage = packed.includes(path.posix.join(path.posix.dirname(map), source));
        expect(inPackage || typeof json.sourcesContent?.[i] === "string", `${map}: ${source}`).toBe(true);
      });
    }
  });
});

describe("package.json", () => {
  it("takes @pulumi/pulumi from the app (a peer dependency admitting the SDK under test), pinned only for our development", () => {
    expect(PACKAGE_JSON.dependencies?.["@pulumi/pulumi"]).toBeUndefined();
    const peer = PACKAGE_JSON.peerDependencies?.["@pulumi/pulumi"] ?? "";
    expect(peer).toMatch(/^\^3\.\d+\.\d+$/);
    const [major, minor, patch] = parts(peer.slice(1));
    const admits = (version: string) => {
      const [ma, mi, pa] = parts(version);
      return ma === major && (mi > minor || (mi === minor && pa >= patch));
    };
    expect(admits(APP_PULUMI_VERSION), `${peer} admits ${APP_PULUMI_VERSION}`).toBe(true);
    expect(PACKAGE_JSON.devDependencies?.["@pulumi/pulumi"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(admits(PACKAGE_JSON.devDependencies!["@pulumi/pulumi"]!)).toBe(true);
  });

  it("declares caret ranges for undici and zod, the supported Node versions, Apache-2.0 and a prepare build", () => {
    expect(PACKAGE_JSON.dependencies).toEqual({ undici: expect.stringMatching(/^\^/), zod: expect.stringMatching(/^\^/) });
    const engines = (PACKAGE_JSON as unknown as { engines: { node: string } }).engines.node;
    for (const major of ["22", "24", "20"]) expect(engines).toContain(`^${major}.`);
    expect(PACKAGE_JSON.license).toBe("Apache-2.0");
    expect(readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8")).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(PACKAGE_JSON.scripts.prepare).toMatch(/tsc -p tsconfig\.build\.json/);
  });

  it("`npm publish --dry-run` is clean (no warning but the one about not being logged in)", async () => {
    const run = await tool("npm", ["publish", "--dry-run", "--ignore-scripts"], REPO_ROOT);
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split("\n").filter((line) => /npm (warn|error)/i.test(line) && !/requires you to be logged in/.test(line));
    expect(warnings).toEqual([]);
  });
});
