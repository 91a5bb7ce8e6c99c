import { Pool } from "undici";
import { startEmulator } from "../test/emulator";
(async () => {
  const emu = await startEmulator();
  const p = new Pool(emu.esUrl, { connections: 8 });
  const { username, password } = emu.credentials.superuser;
  const auth = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  for (const [method, path, body] of [["DELETE", "/_security/api_key", JSON.stringify({ ids: ["x"] })], ["GET", "/_security/api_key", undefined], ["POST", "/_security/cross_cluster/api_key", JSON.stringify({ name: "a", access: { search: [{ names: ["a"] }] } })]] as const) {
    emu.resetStats();
    for (let i = 0; i < 5; i++) {
      const r = await p.request({ method, path, body, headers: { authorization: auth, "content-type": "application/json" } });
      const t = await r.body.text();
      if (i === 0) console.log(method, r.statusCode, JSON.stringify(r.headers), t.slice(0, 80));
    }
    console.log(method, emu.stats().connections);
  }
  await p.close(); await emu.close();
})();
