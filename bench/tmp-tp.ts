import { EmulatorProcess } from "./emulator";
import { measureThroughput } from "./throughput";
(async () => {
  const emu = await EmulatorProcess.start();
  try {
    const r = await measureThroughput(emu, { keys: Number(process.argv[2] ?? 200), latencyMs: 20, repetitions: Number(process.argv[3] ?? 1) }, console.log);
    for (const row of r.rows) console.log(row.metric.padEnd(50), row.value.padEnd(10), row.verdict, row.note ?? "");
  } finally { await emu.close(); }
})();
