// The API docs a user reads: `npm run docs` (typedoc.json) builds them without a warning, with an overview page, and
// every exported member of the package carries TSDoc — outputs, *Args and ConnectionArgs fields included (issue #17).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { REPO_ROOT } from "../support/stack";
import { mustRun, scratch } from "./app";

interface Reflection {
  name: string;
  kind: number;
  flags?: { isPrivate?: boolean; isProtected?: boolean };
  comment?: unknown;
  inheritedFrom?: unknown;
  signatures?: Reflection[];
  children?: Reflection[];
}

// typedoc's ReflectionKind values
const FUNCTION = 64;
const CLASS = 128;
const INTERFACE = 256;
const CONSTRUCTOR = 512;
const PROPERTY = 1024;
const METHOD = 2048;
const ACCESSOR = 262144;

const work = scratch("docs");
let project: Reflection;
let log: string;
beforeAll(async () => {
  const json = path.join(work.dir, "api.json");
  const typedoc = path.join(REPO_ROOT, "node_modules", "typedoc", "bin", "typedoc");
  const run = await mustRun(process.execPath, [typedoc, "--treatWarningsAsErrors", "--json", json, "--out", path.join(work.dir, "html")], REPO_ROOT);
  log = run.stdout + run.stderr;
  project = JSON.parse(readFileSync(json, "utf8")) as Reflection;
}, 180_000);
afterAll(() => work.remove());

const documented = (r: Reflection): boolean => r.comment !== undefined || (r.signatures ?? []).some((s) => s.comment !== undefined);

it("builds without a warning (`npm run docs` uses the same typedoc.json) and opens on an overview page", () => {
  expect(log).not.toMatch(/\[warning\]/);
  const config = JSON.parse(readFileSync(path.join(REPO_ROOT, "typedoc.json"), "utf8")) as { readme: string };
  expect(readFileSync(path.join(REPO_ROOT, config.readme), "utf8")).toMatch(/^# pulumi-elastic-keys API/);
  expect(JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts.docs).toBe("typedoc");
});

it("documents every export and every member of the exported classes and interfaces", () => {
  const missing: string[] = [];
  const exported = project.children ?? [];
  expect(exported.map((r) => r.name)).toEqual(expect.arrayContaining(["CrossClusterApiKey", "ApiKey", "ConnectorSecret", "ConnectorApiKey", "ConnectorApiKeyBinding", "CloudConnectedClusterApiKey", "ConnectionArgs"]));
  for (const r of exported) {
    if (!documented(r)) missing.push(r.name);
    if (r.kind !== CLASS && r.kind !== INTERFACE) continue;
    for (const member of r.children ?? []) {
      if (member.inheritedFrom !== undefined || member.flags?.isPrivate || member.flags?.isProtected) continue;
      if ([CONSTRUCTOR, PROPERTY, METHOD, ACCESSOR, FUNCTION].includes(member.kind) && !documented(member)) missing.push(`${r.name}.${member.name}`);
    }
  }
  expect(missing).toEqual([]);
});
