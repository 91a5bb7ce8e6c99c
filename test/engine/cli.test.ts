import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runScenario, type CliResult } from "./cli-scenario";
import { scanArtifact } from "../support/secret-registry";
import { PASSPHRASE, programDir, REPO_ROOT, sandbox, type Sandbox } from "./testing";

const CLI = path.join(REPO_ROOT, "test/engine/cli.ts");

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [require.resolve("tsx/cli"), CLI, ...args], { env, cwd: REPO_ROOT, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      scanArtifact(`engine CLI ${args[0] ?? ""} output`, `${stdout}${stderr}`);
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe("the engine CLI", { timeout: 400_000 }, () => {
  let s: Sandbox;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    s = sandbox();
    dir = programDir(s);
    env = { ...process.env, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE, ENGINE_THINGS_DIR: s.thingsDir };
  });
  afterEach(() => s.cleanup());

  it("runs the fixture program directory end to end", async () => {
    const seen: string[] = [];
    let config: Record<string, string> = {};
    await runScenario(
      {
        run: async (operation, extra) => {
          config = { ...config, ...extra };
          const flags = Object.entries(config).flatMap(([k, v]) => ["--config", `${k}=${v}`]);
          // The scenario previews before each up: `pulumi preview`, then `pulumi up --skip-preview`.
          const skip = operation === "up" ? ["--skip-preview"] : [];
          const result = await runCli([operation, "--stack", "dev", "--dir", dir, ...skip, ...flags], env);
          seen.push(result.output);
          return result;
        },
      },
      s,
    );
    // The report is printed; the state lives in <dir>/.stacks; the Pulumi.dev.yaml config was used.
    expect(seen[0]).toContain("Previewing update (engine-fixture/dev):");
    expect(seen[1]).toContain("Resources: 3 created");
    expect(seen[1]).toMatch(/firstKey: \[secret\]/);
    expect(seen[3]).toContain("Resources: 3 unchanged");
    expect(seen[4]).toMatch(/error: .*resource 'first': property value value \{.*\} has a problem/);
    expect(fs.existsSync(path.join(dir, ".stacks", "dev.json"))).toBe(true);
  });

  it("prints the report and its errors with --verbose too", async () => {
    const result = await runCli(["up", "--stack", "dev", "--dir", dir, "--verbose", "--config", "engine-fixture:value=an invalid value"], env);

    expect(result.code).toBe(1);
    expect(result.output).toContain("Previewing update (engine-fixture/dev):");
    expect(result.output).toMatch(/error: .*resource 'first': property value value \{an invalid value\} has a problem/);
  });

  it("exits 2 on a usage error or without a passphrase", async () => {
    const usage = await runCli(["frobnicate", "--stack", "dev", "--dir", dir], env);
    expect(usage.code).toBe(2);
    expect(usage.output).toContain("usage:");

    const { PULUMI_CONFIG_PASSPHRASE: _unset, ...noPassphrase } = env;
    const missing = await runCli(["preview", "--stack", "dev", "--dir", dir], noPassphrase);
    expect(missing.code).toBe(2);
    expect(missing.output).toContain("PULUMI_CONFIG_PASSPHRASE");
  });
});
