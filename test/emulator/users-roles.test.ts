import { describe, expect, it } from "vitest";
import { apiKeyAuth, basic, client, clients, createCrossClusterKey, esError, useEmulator } from "./helpers";

const PASSWORD = "x-pack-test-password";

describe("native users and roles", () => {
  const emulator = useEmulator();
  const es = () => clients(emulator()).elastic;
  const as = (username: string) => client(emulator().esUrl, basic({ username, password: PASSWORD }));
  const addUser = async (username: string, cluster: string[], extra: Record<string, unknown> = {}) => {
    expect((await es().put(`/_security/role/${username}_role`, { cluster, ...extra })).json).toEqual({ role: { created: true } });
    expect((await es().put(`/_security/user/${username}`, { password: PASSWORD, roles: [`${username}_role`], full_name: username })).json).toEqual({ created: true });
  };

  it("creates users whose password works for Basic auth, with their roles; deleting them ends that", async () => {
    await addUser("alice", ["manage_own_api_key"]);
    const me = await as("alice").get("/_security/_authenticate");
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ username: "alice", roles: ["alice_role"], full_name: "alice", authentication_realm: { name: "default_native", type: "native" } });
    expect((await client(emulator().esUrl, basic({ username: "alice", password: "wrong-password" })).get("/_security/_authenticate")).status).toBe(401);
    expect((await es().put("/_security/user/alice", { password: PASSWORD, roles: [] })).json).toEqual({ created: false });
    expect((await es().delete("/_security/user/alice")).json).toEqual({ found: true });
    expect((await es().delete("/_security/user/alice")).status).toBe(404);
    expect((await as("alice").get("/_security/_authenticate")).status).toBe(401);
    expect((await es().delete("/_security/role/alice_role")).json).toEqual({ found: true });
    expect((await es().delete("/_security/role/alice_role")).json).toEqual({ found: false });
  });

  it("needs manage_security to manage users and roles, and keeps the built-in ones", async () => {
    const res = await clients(emulator()).keyAdmin.put("/_security/role/r", { cluster: ["all"] });
    expect(res.status).toBe(403);
    expect(res.json.error.reason).toContain("action [cluster:admin/xpack/security/role/put] is unauthorized for user [key_admin]");
    expect((await es().put("/_security/user/elastic", { password: PASSWORD, roles: [] })).status).toBe(400);
    expect((await es().put("/_security/user/bob", { roles: [] })).json).toEqual(
      esError(400, "action_request_validation_exception", "Validation Failed: 1: passwords must be provided when creating a new user;"),
    );
  });

  it("applies a role change at the next request", async () => {
    await addUser("carol", ["monitor"]);
    expect((await as("carol").post("/_security/api_key", { name: "k" })).status).toBe(403);
    await es().put("/_security/role/carol_role", { cluster: ["manage_own_api_key"] });
    expect((await as("carol").post("/_security/api_key", { name: "k" })).status).toBe(200);
  });

  describe("manage_own_api_key", () => {
    it("sees, updates and invalidates only the user's own keys, in the request forms Elasticsearch accepts", async () => {
      await addUser("dave", ["manage_own_api_key"]);
      const other = (await es().post("/_security/api_key", { name: "superuser-key" })).json;
      const own = (await as("dave").post("/_security/api_key", { name: "dave-key" })).json;
      // GET by id without owner=true is not one of the allowed forms for this privilege alone.
      const byId = await as("dave").get(`/_security/api_key?id=${other.id}`);
      expect(byId.status).toBe(403);
      expect(byId.json.error.reason).toContain("this action is granted by the cluster privileges [read_security,manage_api_key,manage_security,all]");
      expect((await as("dave").get("/_security/api_key?owner=true")).json.api_keys.map((k: { id: string }) => k.id)).toEqual([own.id]);
      expect((await as("dave").get(`/_security/api_key?id=${other.id}&owner=true`)).json.api_keys).toEqual([]);
      expect((await as("dave").get("/_security/api_key?username=dave&realm_name=default_native")).json.api_keys).toHaveLength(1);
      expect((await as("dave").post("/_security/_query/api_key", {})).json).toMatchObject({ total: 1, api_keys: [{ id: own.id }] });
      // An API key may read itself, but not its limited_by without manage_api_key.
      const self = client(emulator().esUrl, apiKeyAuth(own.encoded));
      expect((await self.get(`/_security/api_key?id=${own.id}`)).json.api_keys).toHaveLength(1);
      expect((await self.get(`/_security/api_key?id=${own.id}&with_limited_by=true`)).status).toBe(403);
      // Another user's key is "not found" for an update.
      expect((await as("dave").put(`/_security/api_key/${other.id}`, { metadata: { x: 1 } })).json).toEqual(
        esError(404, "resource_not_found_exception", `no API key owned by requesting user found for ID [${other.id}]`),
      );
      expect((await as("dave").put(`/_security/api_key/${own.id}`, { metadata: { x: 1 } })).json).toEqual({ updated: true });
      // Invalidation: ids alone or someone else's username are 403; owner=true works on the own keys only.
      expect((await as("dave").delete("/_security/api_key", { ids: [other.id] })).status).toBe(403);
      expect((await as("dave").delete("/_security/api_key", { username: "elastic" })).status).toBe(403);
      expect((await as("dave").delete("/_security/api_key", { ids: [other.id, own.id], owner: true })).json).toMatchObject({
        invalidated_api_keys: [own.id],
        error_count: 0,
      });
      expect(emulator().inventory().apiKeys.find((k) => k.id === other.id)?.invalidated).toBe(false);
    });

    it("shows limited_by (the owner's roles when the key was made or last updated) only when asked", async () => {
      await addUser("erin", ["manage_own_api_key"]);
      const key = (await as("erin").post("/_security/api_key", { name: "erin-key" })).json;
      const plain = (await as("erin").get(`/_security/api_key?id=${key.id}&owner=true`)).json.api_keys[0];
      expect(plain.limited_by).toBeUndefined();
      const withLimits = (await as("erin").get(`/_security/api_key?id=${key.id}&owner=true&with_limited_by=true`)).json.api_keys[0];
      expect(withLimits.limited_by).toEqual([
        { erin_role: { cluster: ["manage_own_api_key"], indices: [], applications: [], run_as: [], metadata: {}, transient_metadata: { enabled: true } } },
      ]);
      // A role change reaches the key at its next update, even one that changes nothing else.
      await es().put("/_security/role/erin_role", { cluster: ["manage_own_api_key", "monitor"] });
      expect((await as("erin").put(`/_security/api_key/${key.id}`, {})).json).toEqual({ updated: true });
      expect((await as("erin").put(`/_security/api_key/${key.id}`)).json).toEqual({ updated: false });
      const cc = await createCrossClusterKey(emulator());
      expect((await es().get(`/_security/api_key?id=${cc.id}&with_limited_by=true`)).json.api_keys[0].limited_by).toBeUndefined();
    });
  });

  it("answers _has_privileges for users and for API keys (the key's roles within its owner's)", async () => {
    await addUser("frank", ["manage_own_api_key"], { indices: [{ names: ["logs-*"], privileges: ["read"] }] });
    const request = { cluster: ["manage_own_api_key", "manage_security"], index: [{ names: ["logs-a", "other"], privileges: ["read", "write"] }] };
    expect((await as("frank").post("/_security/user/_has_privileges", request)).json).toEqual({
      username: "frank",
      has_all_requested: false,
      cluster: { manage_own_api_key: true, manage_security: false },
      index: { "logs-a": { read: true, write: false }, other: { read: false, write: false } },
      application: {},
    });
    const key = (await as("frank").post("/_security/api_key", { name: "k", role_descriptors: { r: { cluster: ["all"], indices: [] } } })).json;
    const res = await client(emulator().esUrl, apiKeyAuth(key.encoded)).post("/_security/user/_has_privileges", { cluster: ["manage_own_api_key"], index: [{ names: ["logs-a"], privileges: ["read"] }] });
    // The key's own role grants no index privilege: the intersection has none.
    expect(res.json).toMatchObject({ has_all_requested: false, cluster: { manage_own_api_key: true }, index: { "logs-a": { read: false } } });
  });

  it("clears the API key cache of the one node", async () => {
    const key = (await es().post("/_security/api_key", { name: "k" })).json;
    expect((await es().post(`/_security/api_key/${key.id}/_clear_cache`)).json).toMatchObject({ _nodes: { total: 1, successful: 1, failed: 0 } });
    expect((await clients(emulator()).keyAdmin.post("/_security/api_key/*/_clear_cache")).status).toBe(403);
  });
});
