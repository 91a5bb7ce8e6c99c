// `npm run bench` (after `npm run build`): every measurement of the benchmark issue in one run, printed as one table
// and written to bench/results.json with the machine's core count, Node version and load average. Never part of
// `npm test`. Measurements live in one module each; this file only sequences them.
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureColdStart } from "./coldStart";
import { EmulatorProcess, REPO_ROOT } from "./emulator";
import { measureProviderSize } from "./providerSize";
import { measureScaling } from "./scaling";
import { renderTable } from "./table";
import { measureThroughput } from "./throughput";
import type { Row } from "./types";

const SETTINGS = {
  throughput: { keys: 200, latencyMs: 20, repetitions: 3 },
  coldStart: { runs: 5 },
  scaling: { sizes: [10, 100, 1000], previews: (keys: number) => (keys >= 1000 ? 2 : 3) },
};

function packageVersion(name: string): string {
  try {
    // Read directly: not every package exports its package.json.
    const text = readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8");
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return "?";
  }
}

function loadAverage(): number[] {
  return os.loadavg().map((x) => Math.round(x * 100) / 100);
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = (line: string): void => {
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
  };
  const loadStart = loadAverage();
  log(`${os.cpus().length} cores, Node ${process.version}, load average ${loadStart.join(" ")}`);
  const emulator = await EmulatorProcess.start();
  const rows: Row[] = [];
  const sections: Record<string, unknown> = {};
  const timings: Record<string, number> = {};
  const sectionLoad: Record<string, number[]> = {};
  const section = async <T>(name: string, body: () => Promise<{ rows: Row[]; data: T }>): Promise<void> => {
    const t = performance.now();
    sectionLoad[name] = loadAverage();
    log(`${name}… (load average ${sectionLoad[name].join(" ")})`);
    const result = await body();
    await emulator.clearFaults();
    rows.push(...result.rows);
    sections[name] = result.data;
    timings[name] = Math.round(performance.now() - t);
    log(`${name}: ${(timings[name] / 1000).toFixed(1)} s`);
  };
  try {
    await section("providerSize", () => measureProviderSize(emulator));
    await section("coldStart", () => measureColdStart(emulator, SETTINGS.coldStart, log));
    await section("throughput", () => measureThroughput(emulator, SETTINGS.throughput, log));
    await section("scaling", () => measureScaling(emulator, SETTINGS.scaling, log));
  } finally {
    await emulator.close();
  }
  const loadEnd = loadAverage();
  const durationMs = Math.round(performance.now() - started);
  const machine = {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "?",
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: { start: loadStart, atSectionStart: sectionLoad, end: loadEnd },
  };
  const results = {
    generatedAt: new Date().toISOString(),
    durationMs,
    machine,
    versions: {
      "@pulumi/pulumi": packageVersion("@pulumi/pulumi"),
      "@elastic/elasticsearch": packageVersion("@elastic/elasticsearch"),
      undici: packageVersion("undici"),
      zod: packageVersion("zod"),
    },
    settings: { ...SETTINGS, scaling: { sizes: SETTINGS.scaling.sizes, previews: SETTINGS.scaling.sizes.map(SETTINGS.scaling.previews) } },
    sectionDurationsMs: timings,
    table: rows,
    sections,
  };
  const file = path.join(__dirname, "results.json");
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  const header =
    `pulumi-elastic-keys benchmarks — ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, ` +
    `load average ${loadStart.join("/")} at start, ${loadEnd.join("/")} at end; ${(durationMs / 1000).toFixed(0)} s in all`;
  process.stdout.write(`\n${header}\n\n${renderTable(rows)}\n\nWritten to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
