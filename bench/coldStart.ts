// 3. Host cold start: from spawning the real dynamic-provider host (as the engine and the CLI's plugin do) to the
// first completed Create of a CrossClusterApiKey, with the host's peak RSS (VmHWM). Each phase is timed, and the
// inherent parts are measured on their own in fresh Node processes: Node's own start, loading the host's
// @pulumi/pulumi, and loading our runtime module (zod and undici included).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { ProviderClient } from "../test/engine/grpc";
import { ProviderHost } from "../test/engine/host";
import { makeSecret, unwrapMap, type PropertyMap } from "../test/engine/rpc-values";
import { CLEARED_ENV } from "../test/support/stack";
import { capture } from "./capture";
import { REPO_ROOT, type EmulatorProcess } from "./emulator";
import { installedPackage } from "./stack";
import { median, ms, pass, type Row, type SectionResult } from "./types";

const GOAL_MS = 300;

export interface ColdStartRun {
  /** spawn → the host printed its port (Node start + loading @pulumi/pulumi + gRPC server listening). */
  portMs: number;
  /** GetPluginInfo + Configure answered. */
  configuredMs: number;
  /** First Check answered (the host loads our runtime module and runs configure()). */
  checkedMs: number;
  /** First Create answered (first connection to Elasticsearch and the request). */
  createdMs: number;
  peakRssKb?: number;
}

export interface ColdStartData {
  goalMs: number;
  runs: ColdStartRun[];
  medians: ColdStartRun;
  /** Fresh-process measurements (medians): what the phases are made of. */
  breakdown: {
    nodeStartMs: number;
    requirePulumiHostMs: number;
    requireOurRuntimeMs: number;
    requireZodMs: number;
    requireUndiciMs: number;
  };
}

function peakRssKb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

/** Runs `node -e code` from the repository root; resolves with the wall time and what it printed. */
function node(code: string): Promise<{ wallMs: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["-e", code], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve({ wallMs: performance.now() - started, stdout });
      else reject(new Error(`node -e exited with ${code}`));
    });
  });
}

/** Milliseconds a fresh Node process spends in require(id). */
async function requireTime(id: string): Promise<number> {
  const { stdout } = await node(
    `const t = process.hrtime.bigint(); require(${JSON.stringify(id)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`,
  );
  return Number(stdout);
}

async function oneRun(emulator: EmulatorProcess, news: PropertyMap, run: number): Promise<ColdStartRun> {
  const started = performance.now();
  const host = await ProviderHost.start({ cwd: REPO_ROOT, project: "elastic-keys-bench", env: CLEARED_ENV, onLog: () => undefined });
  const portMs = performance.now() - started;
  const client = new ProviderClient(host.port);
  try {
    await client.getPluginInfo();
    const { username, password } = emulator.credentials.superuser;
    await client.configure({ "elastic:endpoint": emulator.esUrl, "elastic:username": username, "elastic:password": makeSecret(password) });
    const configuredMs = performance.now() - started;
    const ref = { urn: `urn:pulumi:bench::elastic-keys-bench::pulumi-nodejs:dynamic/elastic:CrossClusterApiKey::cold-${run}`, name: `cold-${run}`, type: "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey" };
    const checked = await client.check({ ...ref, olds: {}, news: { ...news, name: `cold-start-${run}` } });
    if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    const checkedMs = performance.now() - started;
    const created = await client.create({ ...ref, properties: checked.inputs, preview: false });
    if (!created.id) throw new Error("create returned no id");
    const createdMs = performance.now() - started;
    const rss = peakRssKb(host.pid);
    return { portMs, configuredMs, checkedMs, createdMs, ...(rss !== undefined && { peakRssKb: rss }) };
  } finally {
    client.close();
    await host.stop();
  }
}

export async function measureColdStart(
  emulator: EmulatorProcess,
  options: { runs: number },
  progress: (line: string) => void,
): Promise<SectionResult<ColdStartData>> {
  // The inputs a program would register, __provider text included (unwrapped: the host does not accept secrets).
  const { CrossClusterApiKey } = installedPackage();
  const { registrations, errors } = await capture(() => {
    new CrossClusterApiKey("cold-start", { access: { search: [{ names: ["logs-*"] }] } });
  });
  const reg = registrations.find((r) => r.custom);
  if (!reg || errors.length > 0) throw new Error(`could not capture the registration: ${errors.join("; ")}`);
  const news = unwrapMap(reg.inputs);

  const runs: ColdStartRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    const r = await oneRun(emulator, news, i);
    runs.push(r);
    progress(`  run ${i + 1}: port ${ms(r.portMs)}, configured ${ms(r.configuredMs)}, checked ${ms(r.checkedMs)}, created ${ms(r.createdMs)}, peak RSS ${r.peakRssKb ?? "?"} kB`);
  }
  const nodeStart: number[] = [];
  const pulumiHost: number[] = [];
  const ours: number[] = [];
  const zod: number[] = [];
  const undici: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    nodeStart.push((await node("0")).wallMs);
    pulumiHost.push(await requireTime("@pulumi/pulumi/runtime"));
    ours.push(await requireTime("pulumi-elastic-keys/runtime/crossClusterApiKey"));
    zod.push(await requireTime("zod"));
    undici.push(await requireTime("undici"));
  }
  const rss = runs.map((r) => r.peakRssKb).filter((x): x is number => x !== undefined);
  const medians: ColdStartRun = {
    portMs: median(runs.map((r) => r.portMs)),
    configuredMs: median(runs.map((r) => r.configuredMs)),
    checkedMs: median(runs.map((r) => r.checkedMs)),
    createdMs: median(runs.map((r) => r.createdMs)),
    ...(rss.length > 0 && { peakRssKb: median(rss) }),
  };
  const breakdown = {
    nodeStartMs: median(nodeStart),
    requirePulumiHostMs: median(pulumiHost),
    requireOurRuntimeMs: median(ours),
    requireZodMs: median(zod),
    requireUndiciMs: median(undici),
  };
  const data: ColdStartData = { goalMs: GOAL_MS, runs, medians, breakdown };
  const section = "3. host cold start";
  const rows: Row[] = [
    {
      section,
      metric: "spawn → first Create completed",
      value: ms(medians.createdMs),
      goal: `≤ ${GOAL_MS} ms`,
      verdict: pass(medians.createdMs <= GOAL_MS),
      note:
        `median of ${options.runs}; port ${ms(medians.portMs)} → configured ${ms(medians.configuredMs)} → first Check ` +
        `${ms(medians.checkedMs)} → first Create ${ms(medians.createdMs)}`,
    },
    {
      section,
      metric: "  of which before any of our code runs",
      value: ms(medians.configuredMs),
      verdict: "INFO",
      note:
        medians.configuredMs > GOAL_MS
          ? `inherent: the host answers Configure only after Node's start and loading @pulumi/pulumi (its runtime pulls in typescript, arborist, grpc), already over the goal`
          : "spawn → port → GetPluginInfo + Configure",
    },
    {
      section,
      metric: "  of which ours (first Check + first Create)",
      value: ms(medians.createdMs - medians.configuredMs),
      verdict: "INFO",
      note: `loading pulumi-elastic-keys/runtime (zod and undici included) on the first call, then one request`,
    },
    {
      section,
      metric: "host peak RSS (VmHWM)",
      value: medians.peakRssKb !== undefined ? `${(medians.peakRssKb / 1024).toFixed(0)} MB` : "n/a",
      verdict: "INFO",
    },
    {
      section,
      metric: "breakdown (fresh processes)",
      value: "",
      verdict: "INFO",
      note:
        `node start ${ms(breakdown.nodeStartMs)}; require @pulumi/pulumi/runtime (what the host loads) ${ms(breakdown.requirePulumiHostMs)}; ` +
        `require our runtime ${ms(breakdown.requireOurRuntimeMs)} (zod ${ms(breakdown.requireZodMs)}, undici ${ms(breakdown.requireUndiciMs)})`,
    },
  ];
  return { rows, data };
}
