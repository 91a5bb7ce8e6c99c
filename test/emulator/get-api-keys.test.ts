import { describe, expect, it } from "vitest";
import { clients, createCrossClusterKey, esError, useEmulator } from "./helpers";

describe("GET /_security/api_key", () => {
  const emulator = useEmulator({ restApiKey: true });
  const get = (query: string) => clients(emulator()).elastic.get(`/_security/api_key${query}`);

  it("answers 200 with an empty list for an unknown id (never 404)", async () => {
    const res = await get("?id=doesnotexist");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ api_keys: [] });
  });

  it("renders a cross-cluster key in Elasticsearch's field order with derived role descriptors and access", async () => {
    const e = emulator();
    const key = await createCrossClusterKey(e, {
      name: "both",
      access: {
        search: [{ names: ["logs-*"], field_security: { grant: ["*"] } }, { names: "metrics" }],
        replication: [{ names: ["archive"], allow_restricted_indices: true }],
      },
      expiration: "1d",
      metadata: { env: "prod" },
    });
    const res = await get(`?id=${key.id}`);
    expect(res.json.api_keys).toHaveLength(1);
    const item = res.json.api_keys[0];
    expect(Object.keys(item)).toEqual([
      "id", "name", "type", "creation", "expiration", "invalidated", "username", "realm", "realm_type", "metadata", "role_descriptors", "access",
    ]);
    expect(item).toMatchObject({ id: key.id, name: "both", type: "cross_cluster", expiration: key.expiration, invalidated: false, username: "elastic", realm: "reserved", metadata: { env: "prod" } });
    expect(item.role_descriptors).toEqual({
      cross_cluster: {
        cluster: ["cross_cluster_search", "monitor_enrich", "cross_cluster_replication"],
        indices: [
          { names: ["logs-*"], privileges: ["read", "read_cross_cluster", "view_index_metadata"], field_security: { grant: ["*"] }, allow_restricted_indices: false },
          { names: ["metrics"], privileges: ["read", "read_cross_cluster", "view_index_metadata"], allow_restricted_indices: false },
          { names: ["archive"], privileges: ["cross_cluster_replication", "cross_cluster_replication_internal"], allow_restricted_indices: true },
        ],
        applications: [],
        run_as: [],
        metadata: {},
        transient_metadata: { enabled: true },
      },
    });
    expect(Object.keys(item.role_descriptors.cross_cluster.indices[0])).toEqual(["names", "privileges", "field_security", "allow_restricted_indices"]);
    expect(item.access).toEqual({
      search: [{ names: ["logs-*"], field_security: { grant: ["*"] }, allow_restricted_indices: false }, { names: ["metrics"], allow_restricted_indices: false }],
      replication: [{ names: ["archive"], allow_restricted_indices: true }],
    });
  });

  it("derives cluster privileges per kind of access and omits empty access lists", async () => {
    const e = emulator();
    const search = await createCrossClusterKey(e, { access: { search: [{ names: ["a"], query: '{"match_all":{}}' }] } });
    const replication = await createCrossClusterKey(e, { access: { replication: [{ names: ["b"] }] } });
    const s = (await get(`?id=${search.id}`)).json.api_keys[0];
    expect(s.role_descriptors.cross_cluster.cluster).toEqual(["cross_cluster_search", "monitor_enrich"]);
    expect(s.access).toEqual({ search: [{ names: ["a"], query: '{"match_all":{}}', allow_restricted_indices: false }] });
    expect(Object.keys(s.role_descriptors.cross_cluster.indices[0])).toEqual(["names", "privileges", "query", "allow_restricted_indices"]);
    const r = (await get(`?id=${replication.id}`)).json.api_keys[0];
    expect(r.role_descriptors.cross_cluster.cluster).toEqual(["cross_cluster_replication"]);
    expect(r.access).toEqual({ replication: [{ names: ["b"], allow_restricted_indices: false }] });
  });

  it("renders REST keys without access and with their role descriptors ({} by default)", async () => {
    const e = emulator();
    const res = await get(`?id=${e.credentials.restApiKey.id}`);
    expect(res.json.api_keys[0]).toEqual({
      id: e.credentials.restApiKey.id,
      name: "emulator-rest-key",
      type: "rest",
      creation: expect.any(Number),
      invalidated: false,
      username: "elastic",
      realm: "reserved",
      realm_type: "reserved",
      metadata: {},
      role_descriptors: {},
    });
  });

  it("matches names exactly or by trailing-* prefix", async () => {
    const e = emulator();
    await createCrossClusterKey(e, { name: "team-a" });
    await createCrossClusterKey(e, { name: "team-b" });
    await createCrossClusterKey(e, { name: "other" });
    expect((await get("?name=team-a")).json.api_keys.map((k: { name: string }) => k.name)).toEqual(["team-a"]);
    expect((await get("?name=team-*")).json.api_keys.map((k: { name: string }) => k.name)).toEqual(["team-a", "team-b"]);
    expect((await get("?name=*")).json.api_keys).toHaveLength(4);
  });

  it("includes invalidated and expired keys unless active_only=true", async () => {
    const e = emulator();
    const gone = await createCrossClusterKey(e, { name: "gone" });
    const soon = await createCrossClusterKey(e, { name: "soon", expiration: "1h" });
    await clients(e).elastic.delete("/_security/api_key", { ids: [gone.id] });
    e.clock.advance(2 * 3600_000);
    const all = (await get("")).json.api_keys;
    expect(all).toHaveLength(3);
    const invalidated = all.find((k: { id: string }) => k.id === gone.id);
    expect(invalidated).toMatchObject({ invalidated: true, invalidation: expect.any(Number) });
    expect(Object.keys(invalidated).slice(4, 7)).toEqual(["invalidated", "invalidation", "username"]);
    const active = (await get("?active_only=true")).json.api_keys.map((k: { id: string }) => k.id);
    expect(active).toEqual([e.credentials.restApiKey.id]);
    expect(active).not.toContain(soon.id);
  });

  it("refuses id together with name", async () => {
    const res = await get("?id=a&name=b");
    expect(res.json).toEqual(esError(400, "action_request_validation_exception", "Validation Failed: 1: only one of [api key id, api key name] can be specified;"));
  });

  it("lets manage_api_key see every key and owner=true restrict to the caller's own", async () => {
    const e = emulator();
    await createCrossClusterKey(e);
    const { keyAdmin } = clients(e);
    expect((await keyAdmin.get("/_security/api_key")).json.api_keys).toHaveLength(2);
    expect((await keyAdmin.get("/_security/api_key?owner=true")).json.api_keys).toHaveLength(0);
    await keyAdmin.post("/_security/api_key", { name: "mine" });
    const own = (await keyAdmin.get("/_security/api_key?owner=true")).json.api_keys;
    expect(own.map((k: { name: string; username: string; realm: string }) => [k.name, k.username, k.realm])).toEqual([["mine", "key_admin", "default_native"]]);
  });
});
