import { EmulatorProcess } from "./emulator";
import { benchStack, keysProgram } from "./stack";
(async () => {
  const emu = await EmulatorProcess.start();
  const N = Number(process.argv[2] ?? 1000);
  const s = benchStack(emu, keysProgram(N, "p"), { ...(process.env.HOSTPROF && { env: { NODE_OPTIONS: "--require /tmp/profhook.js" } }) });
  let t0 = performance.now(); let r = await s.engine.up(); console.log("up", r.ok, Math.round(performance.now() - t0));
  const inspector = require("inspector"); const fs = require("fs"); const ses = new inspector.Session(); ses.connect();
  const post = (m: string, p?: object) => new Promise<any>((res, rej) => ses.post(m, p ?? {}, (e: any, x: any) => e ? rej(e) : res(x)));
  if (process.env.PROF) { await post("Profiler.enable"); await post("Profiler.start"); }
  if (process.env.NOSM) process.setSourceMapsEnabled(false);
  t0 = performance.now(); r = await s.engine.preview(); console.log("preview", r.ok, Math.round(performance.now() - t0));
  if (process.env.PROF) { const { profile } = await post("Profiler.stop"); fs.writeFileSync("/tmp/prev.cpuprofile", JSON.stringify(profile)); }
  s.close(); await emu.close();
})();
