// A user's side of the package: the tarball `npm pack` makes, and a fresh Pulumi TypeScript app (made like Pulumi's
// current template) that installs it with npm, pnpm or from git. Every tool runs on the Node that runs the tests, so
// a matrix leg (`.ci/run`) tests the Node it names; nothing here needs network but the npm registry.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../support/stack";

/** pnpm comes from the npm registry (through `npm exec`, cached in npm's own cache), pinned so that runs agree. */
export const PNPM_VERSION = "10.34.8";

/** The SDK the app depends on: the matrix leg's (PACKAGING_PULUMI_VERSION), else the one this workspace runs on. */
export const APP_PULUMI_VERSION: string =
  process.env.PACKAGING_PULUMI_VERSION ?? (JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;

export const PACKAGE_JSON = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  license: string;
  main: string;
  types: string;
  files: string[];
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts: Record<string, string>;
};

/**
 * The environment of every tool run: the test's Node first on PATH (npm's `#!/usr/bin/env node` then runs on it), and
 * none of the npm_* variables of an enclosing `npm test`, which a child npm would take as its own configuration.
 */
function toolEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== "INIT_CWD") env[key] = value;
  }
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}`;
  env.NO_UPDATE_NOTIFIER = "1";
  return env;
}

export interface ToolRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a command to its end; never throws for a non-zero exit (the caller asserts, with the output at hand). */
export function tool(command: string, args: string[], cwd: string): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: toolEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ stdout, stderr, code: code ?? 1 }));
  });
}

/** Like tool(), but a non-zero exit is an error carrying the command's output. */
export async function mustRun(command: string, args: string[], cwd: string): Promise<ToolRun> {
  const run = await tool(command, args, cwd);
  if (run.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${run.code}\n${run.stdout}\n${run.stderr}`.slice(0, 8000));
  }
  return run;
}

export const npm = (args: string[], cwd: string) => mustRun("npm", [...args, "--no-audit", "--no-fund"], cwd);
export const pnpm = (args: string[], cwd: string) => mustRun("npm", ["exec", "--yes", `--package=pnpm@${PNPM_VERSION}`, "--", "pnpm", ...args], cwd);

/** A scratch directory removed by the returned function. */
export function scratch(prefix: string): { dir: string; remove(): void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), `elastic-keys-${prefix}-`)));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `npm pack` of the workspace (dist/ as the test run's global setup built it; scripts are not run again) into `dir`;
 * returns the tarball's path.
 */
export async function packTarball(dir: string): Promise<string> {
  const run = await npm(["pack", "--ignore-scripts", "--json", "--pack-destination", dir], REPO_ROOT);
  const [packed] = JSON.parse(run.stdout) as { filename: string }[];
  return path.join(dir, packed!.filename);
}

/**
 * The runtime entry points the dynamic-provider host loads by name (`exports["./runtime/*"]`): one per resource, and
 * `crossClusterApiKey/get` for keys read with `CrossClusterApiKey.get`.
 */
export const RUNTIMES = readdirSync(path.join(REPO_ROOT, "provider"), { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "runtime.ts")
  .map((file) => path.dirname(file).split(path.sep).join("/"))
  .sort();

/** The app's project name (Pulumi.yaml) and the config key the shapes program reads the Cloud cluster id from. */
export const APP_PROJECT = "packaging-app";

/**
 * The README's quickstart program, as a user copies it: the first ```ts block of the "Quickstart" section.
 */
export function readmeQuickstart(): string {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Quickstart"));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error("README.md: no ```ts block in the Quickstart section");
  return block[1]!;
}

/**
 * Our resources where a user's program puts Pulumi types: a ComponentResource of the user's with our key as a child
 * (`parent`), our component as a `pulumi.ComponentResource`, our resources in `dependsOn`, and `instanceof` checks
 * exported so the test sees them. It imports the quickstart, so one run deploys both.
 */
export const SHAPES_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { CloudConnectedClusterApiKey, ConnectorApiKey, CrossClusterApiKey } from "pulumi-elastic-keys";
export { encoded } from "./index";

class Team extends pulumi.ComponentResource {
  readonly key: CrossClusterApiKey;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("acme:index:Team", name, {}, opts);
    this.key = new CrossClusterApiKey(\`\${name}-search\`, { access: { search: [{ names: ["team-*"] }] } }, { parent: this });
    this.registerOutputs({ keyId: this.key.keyId });
  }
}

const team = new Team("platform");
const custom: pulumi.CustomResource = team.key;
const connector: pulumi.ComponentResource = new ConnectorApiKey(
  "connector",
  { connectorId: "packaging-connector", indexName: "search-packaging", managed: true },
  { dependsOn: [custom] },
);
const cluster: pulumi.Resource = new CloudConnectedClusterApiKey(
  "cluster",
  { clusterId: new pulumi.Config().require("clusterId") },
  { parent: team, dependsOn: [connector, team] },
);

export const instances = {
  customResource: team.key instanceof pulumi.CustomResource,
  dynamicResource: team.key instanceof pulumi.dynamic.Resource,
  componentResource: connector instanceof pulumi.ComponentResource,
  resource: cluster instanceof pulumi.Resource,
};
`;

/** What every `instances` member must be. */
export const ALL_INSTANCEOF_HOLD = { customResource: true, dynamicResource: true, componentResource: true, resource: true };

/**
 * A fresh app made like Pulumi's current TypeScript template (`pulumi new typescript`): its own @pulumi/pulumi,
 * typescript ^5, `module: nodenext`, no skipLibCheck (so our .d.ts files are checked against the app's SDK). The
 * package is added by the caller's package manager.
 */
export function writeTemplateApp(dir: string, ourPackage: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${APP_PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
  const packageJson = {
    name: APP_PROJECT,
    main: "index.ts",
    devDependencies: { "@types/node": "^22", typescript: "^5.0.0" },
    dependencies: { "@pulumi/pulumi": APP_PULUMI_VERSION, [PACKAGE_JSON.name]: ourPackage },
  };
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);
  const tsconfig = {
    compilerOptions: {
      strict: true,
      outDir: "bin",
      target: "es2020",
      module: "nodenext",
      moduleResolution: "nodenext",
      sourceMap: true,
      experimentalDecorators: true,
      pretty: true,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts", "shapes.ts"],
  };
  writeFileSync(path.join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  writeFileSync(path.join(dir, "index.ts"), readmeQuickstart());
  writeFileSync(path.join(dir, "shapes.ts"), SHAPES_PROGRAM);
}

/** The tarball copied into the app's directory, so the app refers to it as `file:<name>` like a user would. */
export function copyTarball(tarball: string, dir: string): string {
  cpSync(tarball, path.join(dir, path.basename(tarball)));
  return `file:${path.basename(tarball)}`;
}

/** Where a module resolves from a directory: the real path, so pnpm's symlinked layout compares as files. */
export function resolvedFrom(dir: string, id: string): string {
  // Node's own resolver for a file in `dir` (the test runner's require.resolve does not honour `paths`).
  return realpathSync(createRequire(path.join(dir, "index.js")).resolve(id));
}
