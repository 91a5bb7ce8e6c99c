// 2. Throughput and 4. connection reuse: `up` then `destroy` of N independent cross-cluster keys through the test
// engine and the real dynamic-provider host, against the emulator with injected latency, next to a direct
// @elastic/elasticsearch client making the same create (then invalidate) calls at the same concurrency: the engine
// launches every independent step at once (as the real engine does by default), so the direct loop issues all N
// calls at once too. Repetitions alternate which side runs first; medians are reported.
import { randomUUID } from "node:crypto";
import { Client } from "@elastic/elasticsearch";
import type { EmulatorProcess } from "./emulator";
import { benchStack, keysProgram } from "./stack";
import { median, ms, pass, type Row, type SectionResult } from "./types";

export interface ThroughputOptions {
  keys: number;
  latencyMs: number;
  repetitions: number;
}

interface OpFigures {
  wallMs: number;
  requests: number;
  connections: number;
}

interface EngineRun {
  up: OpFigures & { hostReadyMs?: number };
  destroy: OpFigures & { hostReadyMs?: number };
}

interface DirectRun {
  create: OpFigures;
  invalidate: OpFigures;
}

export interface ThroughputData extends ThroughputOptions {
  engine: EngineRun[];
  direct: DirectRun[];
  /** The direct client limited to the provider's pool size (8 connections): how much of the gap the pool explains. */
  directSamePool: DirectRun[];
  medians: {
    engineUpMs: number;
    engineDestroyMs: number;
    engineUpHostReadyMs: number;
    engineDestroyHostReadyMs: number;
    directCreateMs: number;
    directInvalidateMs: number;
    directSamePoolCreateMs: number;
    directSamePoolInvalidateMs: number;
    upRatio: number;
    destroyRatio: number;
  };
  connectionsPer100: { engineUp: number; engineDestroy: number; engineTotal: number; directTotal: number };
}

const RATIO_GOAL = 1.15;
const CONNECTIONS_GOAL = 5;

async function counted<T>(emulator: EmulatorProcess, body: () => Promise<T>): Promise<{ result: T; figures: OpFigures }> {
  await emulator.resetStats();
  const started = performance.now();
  const result = await body();
  const wallMs = performance.now() - started;
  const stats = await emulator.stats();
  return { result, figures: { wallMs, requests: stats.requests.total, connections: stats.connections.es } };
}

async function engineRun(emulator: EmulatorProcess, keys: number, rep: number): Promise<EngineRun> {
  let opStart = 0;
  let hostReadyMs: number | undefined;
  const stack = benchStack(emulator, keysProgram(keys, `tp${rep}`), {
    stack: `throughput-${rep}`,
    // The engine logs the host's pid once GetPluginInfo answered: the host is up from then on.
    log: (line) => {
      if (hostReadyMs === undefined && line.startsWith("provider host pid")) hostReadyMs = performance.now() - opStart;
    },
  });
  try {
    opStart = performance.now();
    const up = await counted(emulator, () => stack.engine.up());
    if (!up.result.ok) throw new Error(`engine up failed: ${up.result.errors.map((e) => e.message).join("; ")}`);
    const upHostReady = hostReadyMs;
    hostReadyMs = undefined;
    opStart = performance.now();
    const destroy = await counted(emulator, () => stack.engine.destroy());
    if (!destroy.result.ok) throw new Error(`engine destroy failed: ${destroy.result.errors.map((e) => e.message).join("; ")}`);
    return {
      up: { ...up.figures, ...(upHostReady !== undefined && { hostReadyMs: upHostReady }) },
      destroy: { ...destroy.figures, ...(hostReadyMs !== undefined && { hostReadyMs }) },
    };
  } finally {
    stack.close();
  }
}

async function directRun(emulator: EmulatorProcess, keys: number, rep: number, connections?: number): Promise<DirectRun> {
  const { username, password } = emulator.credentials.superuser;
  // The client as its documentation shows it; `connections` only for the same-pool comparison.
  const client = new Client({ node: emulator.esUrl, auth: { username, password }, ...(connections !== undefined && { agent: { connections } }) });
  try {
    const create = await counted(emulator, () =>
      Promise.all(
        Array.from({ length: keys }, (_, i) =>
          client.security.createCrossClusterApiKey({
            name: `direct${rep}${connections ?? ""}-${i}`,
            access: { search: [{ names: [`logs-direct-${i}-*`] }] },
            // The same body the provider sends, its create marker included.
            metadata: { bench: "direct", pulumi_elastic_keys_create_token: randomUUID() },
          }),
        ),
      ),
    );
    const ids = create.result.map((r) => r.id);
    const invalidate = await counted(emulator, () => Promise.all(ids.map((id) => client.security.invalidateApiKey({ ids: [id] }))));
    return { create: create.figures, invalidate: invalidate.figures };
  } finally {
    await client.close();
  }
}

const per100 = (f: { requests: number; connections: number }[]): number => {
  const requests = f.reduce((a, x) => a + x.requests, 0);
  const connections = f.reduce((a, x) => a + x.connections, 0);
  return requests === 0 ? NaN : (connections / requests) * 100;
};

export async function measureThroughput(
  emulator: EmulatorProcess,
  options: ThroughputOptions,
  progress: (line: string) => void,
): Promise<SectionResult<ThroughputData>> {
  const { keys, latencyMs, repetitions } = options;
  const removeLatency = await emulator.inject({ path: /.*/, times: Infinity, fault: { kind: "latency", ms: latencyMs } });
  const engine: EngineRun[] = [];
  const direct: DirectRun[] = [];
  const directSamePool: DirectRun[] = [];
  try {
    for (let rep = 0; rep < repetitions; rep++) {
      const runEngine = async () => {
        const r = await engineRun(emulator, keys, rep);
        engine.push(r);
        progress(`  engine  rep ${rep + 1}: up ${ms(r.up.wallMs)} (host ready ${ms(r.up.hostReadyMs ?? NaN)}), destroy ${ms(r.destroy.wallMs)}`);
      };
      const runDirect = async () => {
        const r = await directRun(emulator, keys, rep);
        direct.push(r);
        const same = await directRun(emulator, keys, rep, 8);
        directSamePool.push(same);
        progress(`  direct  rep ${rep + 1}: create ${ms(r.create.wallMs)}, invalidate ${ms(r.invalidate.wallMs)} (8 connections: ${ms(same.create.wallMs)}, ${ms(same.invalidate.wallMs)})`);
      };
      if (rep % 2 === 0) {
        await runEngine();
        await runDirect();
      } else {
        await runDirect();
        await runEngine();
      }
    }
  } finally {
    await removeLatency();
  }

  const m = {
    engineUpMs: median(engine.map((r) => r.up.wallMs)),
    engineDestroyMs: median(engine.map((r) => r.destroy.wallMs)),
    engineUpHostReadyMs: median(engine.map((r) => r.up.hostReadyMs ?? NaN)),
    engineDestroyHostReadyMs: median(engine.map((r) => r.destroy.hostReadyMs ?? NaN)),
    directCreateMs: median(direct.map((r) => r.create.wallMs)),
    directInvalidateMs: median(direct.map((r) => r.invalidate.wallMs)),
    directSamePoolCreateMs: median(directSamePool.map((r) => r.create.wallMs)),
    directSamePoolInvalidateMs: median(directSamePool.map((r) => r.invalidate.wallMs)),
    upRatio: 0,
    destroyRatio: 0,
  };
  m.upRatio = m.engineUpMs / m.directCreateMs;
  m.destroyRatio = m.engineDestroyMs / m.directInvalidateMs;
  const connectionsPer100 = {
    engineUp: per100(engine.map((r) => r.up)),
    engineDestroy: per100(engine.map((r) => r.destroy)),
    engineTotal: per100(engine.flatMap((r) => [r.up, r.destroy])),
    directTotal: per100(direct.flatMap((r) => [r.create, r.invalidate])),
  };
  const data: ThroughputData = { ...options, engine, direct, directSamePool, medians: m, connectionsPer100 };

  const section = `2. throughput (${keys} keys, ${latencyMs} ms latency)`;
  const lastEngine = engine.at(-1);
  const lastDirect = direct.at(-1);
  const rows: Row[] = [
    {
      section,
      metric: "up: engine + real host (wall)",
      value: ms(m.engineUpMs),
      verdict: "INFO",
      note: `median of ${repetitions}; host ready after ${ms(m.engineUpHostReadyMs)}, steps until done ${ms(m.engineUpMs - m.engineUpHostReadyMs)}`,
    },
    {
      section,
      metric: `up: direct client, ${keys} concurrent creates`,
      value: ms(m.directCreateMs),
      verdict: "INFO",
      note: `${lastDirect?.create.connections ?? "?"} connections; limited to 8 connections: ${ms(m.directSamePoolCreateMs)}`,
    },
    {
      section,
      metric: "up: ratio engine / direct",
      value: `${m.upRatio.toFixed(2)}×`,
      goal: `≤ ${RATIO_GOAL}×`,
      verdict: pass(m.upRatio <= RATIO_GOAL),
      note:
        `without the host start (section 3): ${((m.engineUpMs - m.engineUpHostReadyMs) / m.directCreateMs).toFixed(2)}×; ` +
        `vs the direct client on the provider's 8-connection pool: ${(m.engineUpMs / m.directSamePoolCreateMs).toFixed(2)}×`,
    },
    {
      section,
      metric: "destroy: engine + real host (wall)",
      value: ms(m.engineDestroyMs),
      verdict: "INFO",
      note: `host ready after ${ms(m.engineDestroyHostReadyMs)}, steps until done ${ms(m.engineDestroyMs - m.engineDestroyHostReadyMs)}`,
    },
    {
      section,
      metric: `destroy: direct client, ${keys} concurrent invalidates`,
      value: ms(m.directInvalidateMs),
      verdict: "INFO",
      note: `reuses the create loop's connections (${lastDirect?.invalidate.connections ?? "?"} new); limited to 8 connections: ${ms(m.directSamePoolInvalidateMs)}`,
    },
    {
      section,
      metric: "destroy: ratio engine / direct",
      value: `${m.destroyRatio.toFixed(2)}×`,
      goal: `≤ ${RATIO_GOAL}×`,
      verdict: pass(m.destroyRatio <= RATIO_GOAL),
      note:
        `without the host start (section 3): ${((m.engineDestroyMs - m.engineDestroyHostReadyMs) / m.directInvalidateMs).toFixed(2)}×; ` +
        `vs the direct client on the provider's 8-connection pool: ${(m.engineDestroyMs / m.directSamePoolInvalidateMs).toFixed(2)}×`,
    },
  ];
  const connRows: Row[] = [
    {
      section: "4. connection reuse",
      metric: "engine (up + destroy): TCP connections per 100 requests",
      value: connectionsPer100.engineTotal.toFixed(1),
      goal: `≤ ${CONNECTIONS_GOAL}`,
      verdict: pass(connectionsPer100.engineTotal <= CONNECTIONS_GOAL),
      note:
        `up ${connectionsPer100.engineUp.toFixed(1)} (${lastEngine?.up.connections ?? "?"} for ${lastEngine?.up.requests ?? "?"} requests), ` +
        `destroy ${connectionsPer100.engineDestroy.toFixed(1)} (${lastEngine?.destroy.connections ?? "?"} for ${lastEngine?.destroy.requests ?? "?"}); one host process per operation`,
    },
    {
      section: "4. connection reuse",
      metric: "reference — direct client: connections per 100 requests",
      value: connectionsPer100.directTotal.toFixed(1),
      verdict: "INFO",
      note: "its default pool opens a connection per concurrent request (up to 256)",
    },
  ];
  return { rows: [...rows, ...connRows], data };
}
