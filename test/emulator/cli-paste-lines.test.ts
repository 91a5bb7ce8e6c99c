// `npm run emulator` prints `pulumi config set` and `export` lines to point a program at it (issue #17): pasted as
// they are, either set deploys and destroys every kind of resource.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, CrossClusterApiKey } from "../../provider";
import { Engine, type EngineOptions } from "../engine";
import { CLEARED_ENV, REPO_ROOT } from "../support/stack";

let child: ChildProcess;
let printed = "";
const stateDirs: string[] = [];

beforeAll(async () => {
  child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "cli.ts"), "--es-port", "0", "--cloud-port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes("Stop with Ctrl+C.")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`emulator CLI exited with ${code} before printing its summary`)));
  });
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
});

const clusterId = () => /needs clusterId: (\S+)$/m.exec(printed)![1]!;

async function deployAndDestroy(config: NonNullable<EngineOptions["config"]>, env: Record<string, string | undefined>): Promise<void> {
  const stateDir = mkdtempSync(path.join(tmpdir(), "elastic-keys-paste-"));
  stateDirs.push(stateDir);
  const engine = new Engine({
    stack: "dev",
    project: "paste",
    stateDir,
    passphrase: "paste",
    program: () => {
      new CrossClusterApiKey("search", { access: { search: [{ names: ["logs-*"] }] } });
      new CloudConnectedClusterApiKey("cluster", { clusterId: clusterId() });
    },
    config,
    hostCwd: REPO_ROOT,
    env: { ...CLEARED_ENV, ...env },
  });
  const up = await engine.up();
  expect(up.ok, up.report).toBe(true);
  expect(up.steps.filter((s) => s.op === "create" && s.type.startsWith("pulumi-nodejs:dynamic/"))).toHaveLength(2);
  const destroy = await engine.destroy();
  expect(destroy.ok, destroy.report).toBe(true);
}

it("the `pulumi config set` lines, as stack config", async () => {
  const config: NonNullable<EngineOptions["config"]> = {};
  for (const [, secret, key, value] of printed.matchAll(/^\s+pulumi config set (--secret )?(\S+) (\S+)$/gm)) {
    config[key!] = { value: value!, ...(secret && { secret: true }) };
  }
  expect(Object.keys(config).sort()).toEqual(["elastic:cloudApiKey", "elastic:cloudEndpoint", "elastic:endpoint", "elastic:password", "elastic:username"]);
  await deployAndDestroy(config, {});
});

it("the `export` lines, as the environment", async () => {
  const env: Record<string, string> = {};
  for (const [, name, value] of printed.matchAll(/^\s+export (\w+)=(\S+)$/gm)) env[name!] = value!;
  expect(Object.keys(env).sort()).toEqual(["EC_API_KEY", "EC_ENDPOINT", "ELASTICSEARCH_PASSWORD", "ELASTICSEARCH_URL", "ELASTICSEARCH_USERNAME"]);
  await deployAndDestroy({}, env);
});
