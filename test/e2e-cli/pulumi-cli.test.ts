// The engine scenario (./scenario.ts) through the REAL Pulumi CLI, when it is installed: a local file backend in a
// temporary directory, the passphrase secrets provider, the fixture program directory. Without `pulumi` on PATH
// the test is reported as skipped, with the reason printed once.
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { PASSPHRASE, programDir, sandbox, type Sandbox } from "../engine/testing";
import { scanArtifact } from "../support/secret-registry";
import { runScenario, type CliResult } from "./scenario";

const hasPulumi = spawnSync("pulumi", ["version"], { stdio: "ignore" }).status === 0;
const SKIP_REASON =
  "skipped: the pulumi CLI is not on PATH; it cannot be installed here because its npm wrapper downloads a binary";
if (!hasPulumi) console.log(`test/e2e-cli: ${SKIP_REASON}`);

describe("the real pulumi CLI", () => {
  let s: Sandbox;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  function pulumi(args: string[]): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile("pulumi", [...args, "--non-interactive"], { cwd: dir, env, timeout: 300_000 }, (err, stdout, stderr) => {
        scanArtifact(`pulumi ${args[0] ?? ""} output`, `${stdout}${stderr}`);
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, output: `${stdout}${stderr}` });
      });
    });
  }

  async function must(args: string[]): Promise<void> {
    const r = await pulumi(args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${r.output}`);
  }

  beforeAll(async () => {
    if (!hasPulumi) return;
    s = sandbox();
    dir = programDir(s);
    const backend = path.join(s.root, "backend");
    fs.mkdirSync(backend);
    env = {
      ...process.env,
      PULUMI_HOME: path.join(s.root, "pulumi-home"),
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      ENGINE_THINGS_DIR: s.thingsDir,
    };
    await must(["login", `file://${backend}`]);
    await must(["stack", "init", "dev"]);
  }, 300_000);
  afterAll(() => s?.cleanup());

  it.skipIf(!hasPulumi)(
    `runs the engine scenario with the same outcomes${hasPulumi ? "" : ` (${SKIP_REASON})`}`,
    async () => {
      await runScenario(
        {
          run: async (operation, config) => {
            for (const [k, v] of Object.entries(config ?? {})) await must(["config", "set", "--stack", "dev", k, v]);
            const flags = operation === "preview" ? [] : ["--yes", "--skip-preview"];
            return pulumi([operation, "--stack", "dev", ...flags]);
          },
        },
        s,
      );
    },
    600_000,
  );
});
