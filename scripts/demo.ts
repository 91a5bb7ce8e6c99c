/**
 * `npm run demo`: the root program (program/index.ts) against the embedded emulator, on a machine with no
 * credentials and no network. Runs through the real `pulumi` CLI when scripts/install-pulumi-cli.sh has built it (local file backend,
 * passphrase secrets), otherwise through the project's test engine, which drives the same dynamic-provider host.
 * Every report printed here shows secrets as [secret].
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Engine, type OperationResult } from "../test/engine";
import { type Emulator, startEmulator } from "../test/emulator";
import { esCall } from "../test/support/elastic";
import { cliBinDir, cliUnavailable, type PulumiCli, startCli } from "../test/e2e-cli/pulumi-cli";

const ROOT = path.resolve(__dirname, "..");
const PROJECT = "elastic-keys";
const STACK = "demo";
const PASSPHRASE = "demo passphrase — not a secret";

type Config = Record<string, { value: string; secret?: boolean }>;

function banner(text: string): void {
  console.log(`\n=== ${text} ${"=".repeat(Math.max(0, 70 - text.length))}`);
}

function demoConfig(emulator: Emulator, remoteIndices: string): Config {
  const { superuser, cloudApiKey } = emulator.credentials;
  return {
    "elastic:endpoint": { value: emulator.esUrl },
    "elastic:username": { value: superuser.username },
    "elastic:password": { value: superuser.password, secret: true },
    "elastic:cloudEndpoint": { value: emulator.cloudUrl },
    "elastic:cloudApiKey": { value: cloudApiKey, secret: true },
    [`${PROJECT}:remoteIndices`]: { value: remoteIndices },
    [`${PROJECT}:connectorId`]: { value: "demo-connector" },
    [`${PROJECT}:connectorIndex`]: { value: "search-demo" },
    [`${PROJECT}:cloudClusterId`]: { value: emulator.defaultClusterId },
  };
}

interface Runner {
  name: string;
  run(step: "preview" | "up" | "refresh" | "destroy", config: Config): Promise<boolean>;
  close(): Promise<void> | void;
}

function engineRunner(stateDir: string): Runner {
  const engine = new Engine({ project: PROJECT, stack: STACK, stateDir, passphrase: PASSPHRASE, program: path.join(ROOT, "program/index.ts"), hostCwd: ROOT });
  return {
    name: "the project's test engine (the pulumi CLI is not built: bash scripts/install-pulumi-cli.sh), driving the real dynamic-provider host",
    async run(step, config) {
      engine.options.config = config;
      const result: OperationResult = await engine[step]();
      console.log(result.report);
      return result.ok;
    },
    close() {},
  };
}

function cliRunner(emulator: Emulator): Runner {
  // The program runs as the Automation API's inline program, loaded afresh for every command as `pulumi` would.
  const main = require.resolve(path.join(ROOT, "program/index.ts"));
  const program = () => {
    delete require.cache[main];
    return require(main) as Record<string, unknown>;
  };
  let cli: PulumiCli | undefined;
  return {
    name: `the real pulumi CLI (${path.relative(ROOT, cliBinDir())}, local file backend, passphrase secrets)`,
    async run(step, config) {
      cli ??= await startCli({ emulator, program, project: PROJECT, config });
      await cli.setAllConfig(config);
      const outcome = await cli.run(step, { diff: step !== "refresh" && step !== "destroy" });
      console.log(outcome.output);
      return outcome.ok;
    },
    async close() {
      await cli?.close();
    },
  };
}

async function main(): Promise<number> {
  const emulator = await startEmulator();
  const stateDir = mkdtempSync(path.join(tmpdir(), "elastic-keys-demo-"));
  const runner = cliUnavailable() === undefined ? cliRunner(emulator) : engineRunner(stateDir);
  try {
    console.log(`Emulated Elasticsearch: ${emulator.esUrl}   Emulated Elastic Cloud: ${emulator.cloudUrl}`);
    console.log(`Running the root program (program/index.ts) through ${runner.name}.`);
    const connector = await esCall(emulator, "PUT", "/_connector/demo-connector", { index_name: "search-demo", name: "Demo crawler", service_type: "web" });
    if (connector.status !== 200 && connector.status !== 201) throw new Error(`could not create the demo connector (${connector.status})`);

    const steps: Array<[string, "preview" | "up" | "refresh" | "destroy", string]> = [
      ["1. preview: the plan for a new stack", "preview", "logs-*"],
      ["2. up: create a cross-cluster key, a connector key and rotate the cloud key", "up", "logs-*"],
      ["3. preview after adding metrics-* to remoteIndices: an update in place", "preview", "logs-*,metrics-*"],
      ["4. up: apply the change (same key id, same secret)", "up", "logs-*,metrics-*"],
      ["5. refresh: compare the state with what Elasticsearch holds", "refresh", "logs-*,metrics-*"],
      ["6. destroy: unbind, delete the secret, invalidate the keys", "destroy", "logs-*,metrics-*"],
    ];
    for (const [title, step, indices] of steps) {
      banner(title);
      if (!(await runner.run(step, demoConfig(emulator, indices)))) {
        console.error(`\nThe demo stopped: "${step}" failed.`);
        return 1;
      }
    }
    const live = emulator.inventory().apiKeys.filter((k) => !k.invalidated && k.type === "cross_cluster");
    banner("done");
    console.log(`Cross-cluster keys still valid after destroy: ${live.length}. Secrets above were shown as [secret] only.`);
    return live.length === 0 ? 0 : 1;
  } finally {
    await runner.close();
    await emulator.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
