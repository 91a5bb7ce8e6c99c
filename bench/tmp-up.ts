import { EmulatorProcess } from "./emulator";
import { benchStack, keysProgram } from "./stack";
(async () => {
  const emu = await EmulatorProcess.start();
  const N = Number(process.argv[2] ?? 200);
  const rm = await emu.inject({ path: /.*/, times: Infinity, fault: { kind: "latency", ms: Number(process.argv[3] ?? 20) } });
  let t0 = performance.now();
  const s = benchStack(emu, keysProgram(N, "p"), { ...(process.env.HOSTPROF && { env: { NODE_OPTIONS: "--require /tmp/profhook.js" } }), log: (l) => { if (/host pid|p-0:|p-199:|p-999:/.test(l)) console.log(Math.round(performance.now() - t0), l.slice(0, 80)); } });
  for (const op of (process.argv[4] ?? "up,destroy").split(",") as ("up" | "destroy" | "preview")[]) { t0 = performance.now(); const r = await s.engine[op](); console.log(op, r.ok, Math.round(performance.now() - t0), "ms", r.ok ? "" : JSON.stringify(r.errors).slice(0, 500)); }
  await rm(); s.close(); await emu.close();
})();
