import { EmulatorProcess } from "./emulator";
import { benchStack, keysProgram } from "./stack";
import { statSync, readdirSync } from "node:fs";
(async () => {
  const emu = await EmulatorProcess.start();
  const s = benchStack(emu, keysProgram(100, "p"));
  await s.engine.up();
  const f = s.engine.stateFile; console.log(f, statSync(f).size);
  const st = JSON.parse(require("fs").readFileSync(f, "utf8")); console.log(JSON.stringify(st.resources[1], null, 1).slice(0, 3000));
  s.close(); await emu.close();
})();
