import { startEmulator } from "../test/emulator";
import { ElasticsearchClient } from "../sdk";
(async () => {
  const emu = await startEmulator();
  const c = new ElasticsearchClient({ endpoints: [emu.esUrl], auth: { type: "basic", ...emu.credentials.superuser } });
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) ids.push((await c.createCrossClusterApiKey({ name: `k${i}`, access: { search: [{ names: ["a"] }] } })).id);
  console.log("create serial", emu.stats().connections); emu.resetStats();
  for (const id of ids) await c.invalidateApiKeys([id]);
  console.log("delete serial", emu.stats().connections); emu.resetStats();
  for (const id of ids) await c.getApiKey(id);
  console.log("get serial", emu.stats().connections); emu.resetStats();
  await c.close(); await emu.close();
})();
