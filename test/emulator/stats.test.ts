import { Pool } from "undici";
import { describe, expect, it } from "vitest";
import { apiKeyAuth, basic, clients, createCrossClusterKey, http, useEmulator } from "./helpers";

describe("stats, request log, inventory and issued secrets", () => {
  const emulator = useEmulator({ restApiKey: true });

  it("counts requests per route template", async () => {
    const e = emulator();
    const key = await createCrossClusterKey(e);
    await clients(e).elastic.put(`/_security/cross_cluster/api_key/${key.id}`, { metadata: {} });
    await clients(e).elastic.put(`/_security/cross_cluster/api_key/${key.id}`, { metadata: { a: 1 } });
    await clients(e).cloud.get(`/cloud-connected/clusters/${e.defaultClusterId}`);
    await clients(e).elastic.get("/nowhere");
    expect(e.stats().requests).toEqual({
      total: 5,
      byRoute: {
        "POST /_security/cross_cluster/api_key": 1,
        "PUT /_security/cross_cluster/api_key/{id}": 2,
        "GET /api/v1/cloud-connected/clusters/{id}": 1,
        "GET (unmatched)": 1,
      },
    });
  });

  it("counts TCP connections, reused with keep-alive", async () => {
    const e = emulator();
    const pool = new Pool(e.esUrl, { connections: 1 });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await http(`${e.esUrl}/`, { auth: basic(e.credentials.superuser), dispatcher: pool });
        expect(res.status).toBe(200);
      }
      expect(e.stats().connections).toEqual({ es: 1, cloud: 0 });
    } finally {
      await pool.close();
    }
    const second = new Pool(e.esUrl, { connections: 1 });
    await http(`${e.esUrl}/`, { auth: basic(e.credentials.superuser), dispatcher: second });
    await second.close();
    expect(e.stats().connections.es).toBe(2);
    const cloud = new Pool(e.cloudUrl, { connections: 1 });
    await http(`${e.cloudUrl}/api/v1/cloud-connected/clusters/${e.defaultClusterId}`, { auth: `ApiKey ${e.credentials.cloudApiKey}`, dispatcher: cloud });
    await cloud.close();
    expect(e.stats().connections).toEqual({ es: 2, cloud: 1 });
  });

  it("logs requests in arrival order and resets with the counters", async () => {
    const e = emulator();
    await clients(e).anonymous.get("/");
    await clients(e).elastic.get("/_security/api_key?id=x");
    const log = e.requests();
    expect(log).toEqual([
      { target: "es", method: "GET", route: "GET /", path: "/", status: 401, at: expect.any(Number) },
      { target: "es", method: "GET", route: "GET /_security/api_key", path: "/_security/api_key", status: 200, at: expect.any(Number) },
    ]);
    expect(log[1]!.at).toBeGreaterThanOrEqual(log[0]!.at);
    e.resetStats();
    expect(e.requests()).toEqual([]);
    expect(e.stats()).toEqual({ requests: { total: 0, byRoute: {} }, connections: { es: 0, cloud: 0 } });
  });

  it("returns a deep, JSON-clean copy of the inventory", async () => {
    const e = emulator();
    await createCrossClusterKey(e, { metadata: { n: 1 } });
    await clients(e).elastic.put("/_connector/c1", { index_name: "search-c1" });
    const inventory = e.inventory();
    expect(JSON.parse(JSON.stringify(inventory))).toEqual(inventory);
    expect(inventory.apiKeys.map((k) => k.type)).toEqual(["rest", "cross_cluster"]);
    expect(Object.keys(inventory.apiKeys[1]!)).toEqual(["id", "name", "type", "creation", "invalidated", "username", "metadata", "access", "role_descriptors"]);
    inventory.apiKeys[1]!.metadata.n = 2;
    inventory.connectors[0]!.index_name = "changed";
    expect(e.inventory().apiKeys[1]!.metadata).toEqual({ n: 1 });
    expect(e.inventory().connectors[0]!.index_name).toBe("search-c1");
    expect(JSON.stringify(e.inventory())).not.toContain(e.credentials.restApiKey.api_key);
  });

  it("lists every secret it issued or accepted", async () => {
    const e = emulator();
    const c = e.credentials;
    const key = await createCrossClusterKey(e);
    const rest = (await clients(e).elastic.post("/_security/api_key", { name: "r" })).json;
    const rotated = (await clients(e).cloud.post(`/cloud-connected/clusters/${e.defaultClusterId}/apikey/_rotate`)).json.key;
    await clients(e).elastic.post("/_connector/_secret", { value: "connector-secret-value" });
    const secrets = e.issuedSecrets();
    expect(secrets).toEqual(
      expect.arrayContaining([
        c.superuser.password, c.apiKeyAdmin.password, c.noPrivileges.password, c.bearerToken,
        c.restApiKey.api_key, c.restApiKey.encoded, c.cloudApiKey, c.cloudReadOnlyApiKey,
        key.api_key, key.encoded, rest.api_key, rest.encoded, rotated, e.inventory().clusters[0]!.pendingKeys[0]!.key,
        "connector-secret-value",
      ]),
    );
    expect(new Set(secrets).size).toBe(secrets.length);
    expect((await http(`${e.esUrl}/_security/_authenticate`, { auth: apiKeyAuth(c.restApiKey.encoded) })).status).toBe(200);
  });
});
