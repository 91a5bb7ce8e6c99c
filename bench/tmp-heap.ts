import { EmulatorProcess } from "./emulator";
import { benchStack, keysProgram } from "./stack";
(async () => {
  const emu = await EmulatorProcess.start();
  const N = Number(process.argv[2] ?? 1000);
  const s = benchStack(emu, keysProgram(N, "p"));
  let t0 = performance.now(); let r = await s.engine.up(); console.log("up", r.ok, Math.round(performance.now() - t0));
  const inspector = require("inspector"); const ses = new inspector.Session(); ses.connect();
  const post = (m: string, p?: object) => new Promise<any>((res, rej) => ses.post(m, p ?? {}, (e: any, x: any) => e ? rej(e) : res(x)));
  await post("HeapProfiler.enable"); await post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const gc0 = performance.now();
  t0 = performance.now(); r = await s.engine.preview(); console.log("preview", r.ok, Math.round(performance.now() - t0), "heapUsed MB", Math.round(process.memoryUsage().heapUsed/1e6)); (global as any).gc(); console.log("after gc", Math.round(process.memoryUsage().heapUsed/1e6));
  const { profile } = await post("HeapProfiler.stopSampling");
  const agg = new Map<string, number>();
  const walk = (n: any, stack: string[]) => { const cf = n.callFrame; const k = `${cf.functionName || "(anon)"} ${cf.url.replace(/.*node_modules\//, "nm/").replace("file:///work/main/", "")}:${cf.lineNumber}`; const self = n.selfSize; agg.set(k, (agg.get(k) ?? 0) + self); for (const c of n.children) walk(c, [...stack, k]); };
  walk(profile.head, []);
  // note: sampling reports live-at-end allocations only
  for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / 1e6).toFixed(1).padStart(7), "MB", k);
  s.close(); await emu.close();
})();
