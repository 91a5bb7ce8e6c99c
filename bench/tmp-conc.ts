import { request } from "undici";
import { EmulatorProcess } from "./emulator";
import { benchStack, keysProgram } from "./stack";
(async () => {
  const emu = await EmulatorProcess.start();
  const rm = await emu.inject({ path: /.*/, times: Infinity, fault: { kind: "latency", ms: 20 } });
  let T0 = 0; const marks: string[] = [];
  const s = benchStack(emu, keysProgram(200, "c"), { log: (l) => { if (/host pid|c-0:|c-199:|c-100:/.test(l)) marks.push(`${Date.now() - T0} ${l.slice(0, 70)}`); } });
  for (const op of ["up", "destroy"] as const) {
    await emu.resetStats();
    const t0 = Date.now(); T0 = t0; marks.length = 0; const r = await s.engine[op](); const t1 = Date.now();
    const reqs = (await (await request(`${emu.esUrl}/_emulator/requests`)).body.json()) as { at: number }[];
    const ats = reqs.map((x) => x.at).sort((a, b) => a - b);
    let max = 0; for (const a of ats) { const n = ats.filter((b) => b <= a && b > a - 20).length; max = Math.max(max, n); }
    console.log(op, r.ok, t1 - t0, "ms; requests", ats.length, "first at +", ats[0]! - t0, "last at +", ats.at(-1)! - t0, "span", ats.at(-1)! - ats[0]!, "max arrivals within 20ms", max); console.log(marks.join("\n"));
  }
  await rm(); s.close(); await emu.close();
})();
