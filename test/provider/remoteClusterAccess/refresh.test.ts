import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { startTestStack, type TestStack } from "../../support/stack";
import { accessArgs, ALIAS, program } from "./helpers";

/** Out-of-band calls, as an operator would make them with curl. */
async function outOfBand(emulator: Emulator, url: string, method: "PATCH" | "PUT", auth: string, body: unknown): Promise<number> {
  const res = await request(url, { method, headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify(body) });
  await res.body.dump();
  return res.statusCode;
}

describe("RemoteClusterAccess: refresh and repair of out-of-band changes", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(program(() => accessArgs(stack.emulator)));
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
  });
  afterAll(async () => {
    await stack?.engine.destroy();
    await stack?.close();
  });

  it("a keystore entry removed by hand is dropped by refresh and written again by the next up", async () => {
    const e = stack.emulator;
    const keystore = `${e.cloudUrl}/api/v1/deployments/${e.local.deploymentId}/elasticsearch/${e.local.refId}/keystore`;
    expect(await outOfBand(e, keystore, "PATCH", `ApiKey ${e.credentials.cloudApiKey}`, { secrets: { [`cluster.remote.${ALIAS}.credentials`]: null } })).toBe(200);
    expect(e.local.connected(ALIAS)).toBe(false);
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    expect(refresh.steps.find((s) => s.name === "logs-from-prod-keystore")?.op).toBe("refresh-gone");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(e.local.connected(ALIAS)).toBe(true);
  });

  it("a proxy address changed by hand shows as drift and the next up restores it", async () => {
    const e = stack.emulator;
    const { username, password } = e.credentials.superuser;
    const auth = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
    const changed = { persistent: { [`cluster.remote.${ALIAS}.proxy_address`]: "elsewhere.example.com:9443" } };
    expect(await outOfBand(e, `${e.local.esUrl}/_cluster/settings`, "PUT", auth, changed)).toBe(200);
    const refresh = await stack.engine.refresh();
    expect(refresh.steps.find((s) => s.name === "logs-from-prod-settings")).toMatchObject({ op: "refresh-drift" });
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(e.local.settings().persistent[`cluster.remote.${ALIAS}.proxy_address`]).toBe("prod.es.example.com:9443");
  });
});
