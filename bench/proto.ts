import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Engine } from "/work/main/test/engine";
import { startEmulator } from "/work/main/test/emulator";
import { stackConfig, REPO_ROOT, CLEARED_ENV } from "/work/main/test/support/stack";
import type * as P from "/work/main/provider";
const { CrossClusterApiKey } = require("pulumi-elastic-keys") as typeof P;
(async () => {
  const N = Number(process.argv[2] ?? 200);
  const emu = await startEmulator();
  emu.faults.inject({ path: /.*/, times: Infinity, fault: { kind: "latency", ms: 20 } });
  let t0 = Date.now();
  const engine = new Engine({ stack: "t", stateDir: mkdtempSync(path.join(tmpdir(), "t-")), passphrase: "p",
    program: () => { for (let i = 0; i < N; i++) new CrossClusterApiKey(`k${i}`, { access: { search: [{ names: ["a"] }] } }); },
    config: stackConfig(emu), hostCwd: REPO_ROOT, env: CLEARED_ENV,
    log: (l) => { if (/host pid|k0:|k199:/.test(l)) console.log(Date.now() - t0, l.slice(0, 90)); } });
  for (const op of ["up", "destroy"] as const) { t0 = Date.now(); const r = await engine[op](); console.log(op, r.ok, Date.now() - t0, "ms", JSON.stringify(emu.stats().connections), emu.stats().requests.total); emu.resetStats(); }
  await emu.close();
})();
