import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Engine } from "../test/engine";
import { startEmulator } from "../test/emulator";
import { stackConfig, REPO_ROOT, CLEARED_ENV } from "../test/support/stack";
import { CrossClusterApiKey } from "../provider";
(async () => {
  const emu = await startEmulator();
  const t0 = Date.now();
  const engine = new Engine({ stack: "t", stateDir: mkdtempSync(path.join(tmpdir(), "t-")), passphrase: "p", program: () => { new CrossClusterApiKey("k", { access: { search: [{ names: ["a"] }] } }); }, config: stackConfig(emu), hostCwd: REPO_ROOT, env: CLEARED_ENV,
    log: (l) => console.log(Date.now() - t0, l.slice(0, 100)) });
  for (const op of ["preview", "up", "preview", "destroy"] as const) { const s = Date.now(); const r = await engine[op](); console.log(op, r.ok, Date.now() - s, "ms"); }
  await emu.close();
})();
