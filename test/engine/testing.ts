// Shared set-up for the engine tests: a temporary sandbox with the program directory the host runs in (where the
// fixture provider is linked as node_modules/engine-fixture-things.js, resolvable from there only, next to
// @pulumi/pulumi, whose host the engine runs), the directory the provider keeps its "things" in, and the state
// directory. Engines skip the preview pass unless a test asks for it (`skipPreview: false`, or `up({ skipPreview:
// false })`): most tests are about the update itself.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base } from "vitest";
import { Engine, type EngineOptions } from "./index";
import type * as resources from "../fixtures/engine/resources";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const FIXTURES = path.join(REPO_ROOT, "test/fixtures/engine");
export const PASSPHRASE = "engine test passphrase";

// Node's own require, so that the closure serializer sees the fixture's plain CommonJS (no test-runner transform).
export const { Thing, ThingGroup } = require(path.join(FIXTURES, "resources.js")) as typeof resources;

export interface Op {
  op: "check" | "diff" | "create" | "read" | "update" | "delete";
  label: string;
  id?: string;
  pid: number;
  /** The greeting config the host was configured with. */
  greeting?: string;
  start: number;
  end: number;
}

export interface Sandbox {
  root: string;
  hostCwd: string;
  thingsDir: string;
  stateDir: string;
  engine(program: EngineOptions["program"], extra?: Partial<EngineOptions>): Engine;
  /** Provider calls so far, optionally only the given kinds (check/diff are noisy). */
  ops(...kinds: Op["op"][]): Op[];
  /** Forgets the calls so far. */
  clearOps(): void;
  /** The things that exist now, by id. */
  things(): Record<string, Record<string, unknown>>;
  cleanup(): void;
}

export function linkModule(nodeModules: string, name: string, target: string): void {
  fs.mkdirSync(nodeModules, { recursive: true });
  fs.symlinkSync(target, path.join(nodeModules, name));
}

export function sandbox(): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "engine-test-"));
  const hostCwd = path.join(root, "host");
  const thingsDir = path.join(root, "things");
  const stateDir = path.join(root, "state");
  linkModule(path.join(hostCwd, "node_modules"), "engine-fixture-things.js", path.join(FIXTURES, "things-provider.js"));
  linkModule(path.join(hostCwd, "node_modules"), "@pulumi", path.join(REPO_ROOT, "node_modules/@pulumi"));
  fs.mkdirSync(thingsDir, { recursive: true });
  const opsFile = path.join(thingsDir, "ops.log");
  return {
    root,
    hostCwd,
    thingsDir,
    stateDir,
    engine: (program, extra = {}) =>
      new Engine({
        stack: "dev",
        stateDir,
        passphrase: PASSPHRASE,
        program,
        hostCwd,
        skipPreview: true,
        ...extra,
        env: { ENGINE_THINGS_DIR: thingsDir, ...extra.env },
      }),
    ops: (...kinds) => {
      if (!fs.existsSync(opsFile)) return [];
      const all = fs
        .readFileSync(opsFile, "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Op);
      return kinds.length === 0 ? all : all.filter((o) => kinds.includes(o.op));
    },
    clearOps: () => fs.rmSync(opsFile, { force: true }),
    things: () => {
      const dir = path.join(thingsDir, "things");
      if (!fs.existsSync(dir)) return {};
      return Object.fromEntries(
        fs.readdirSync(dir).map((f) => [path.basename(f, ".json"), JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown>]),
      );
    },
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * `test` with a fresh sandbox per test (`async ({ s, expect }) => …`), removed afterwards. Being per test, it
 * works in concurrent suites: most engine tests wait on host processes, so two at a time use both cores.
 */
export const test = base.extend<{ s: Sandbox }>({
  // The empty pattern is how vitest learns that this fixture depends on no other.
  s: async ({}, use) => {
    const s = sandbox();
    try {
      await use(s);
    } finally {
      s.cleanup();
    }
  },
});

export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`not a process id: ${pid}`); // kill(-1) means "everyone"
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A copy of the fixture program directory (test/fixtures/engine/program) in the sandbox, with the packages the
 * program and its provider load linked into its node_modules, as a user's project would have them installed.
 */
export function programDir(s: Sandbox): string {
  const dir = path.join(s.root, "program");
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(FIXTURES, "program"))) {
    fs.copyFileSync(path.join(FIXTURES, "program", f), path.join(dir, f));
  }
  // The program's `import type … from "../resources"` (type-checking runs of the real CLI).
  fs.copyFileSync(path.join(FIXTURES, "resources.d.ts"), path.join(s.root, "resources.d.ts"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "engine-fixture", main: "index.ts" }));
  const nodeModules = path.join(dir, "node_modules");
  linkModule(nodeModules, "engine-fixture-things.js", path.join(FIXTURES, "things-provider.js"));
  linkModule(nodeModules, "engine-fixture-resources.js", path.join(FIXTURES, "resources.js"));
  linkModule(nodeModules, "@pulumi", path.join(REPO_ROOT, "node_modules/@pulumi"));
  return dir;
}
