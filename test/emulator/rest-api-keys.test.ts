import { describe, expect, it } from "vitest";
import { apiKeyAuth, client, clients, createCrossClusterKey, esError, useEmulator } from "./helpers";

describe("REST API keys (POST/PUT /_security/api_key, PUT /_security/api_key/{id})", () => {
  const emulator = useEmulator({ restApiKey: true });

  it("creates a REST key with POST or PUT that authenticates as its owner", async () => {
    const e = emulator();
    for (const method of ["POST", "PUT"]) {
      const res = await clients(e).elastic.call(method, "/_security/api_key", { name: "connector-key", expiration: "1d", metadata: { app: "c" } });
      expect(res.status).toBe(200);
      expect(Object.keys(res.json)).toEqual(["id", "name", "expiration", "api_key", "encoded"]);
      const self = await client(e.esUrl, apiKeyAuth(res.json.encoded)).get("/_security/_authenticate");
      expect(self.json).toMatchObject({ username: "elastic", authentication_type: "api_key", api_key: { id: res.json.id, name: "connector-key" } });
      const listed = (await clients(e).elastic.get(`/_security/api_key?id=${res.json.id}`)).json.api_keys[0];
      expect(listed).toMatchObject({ type: "rest", metadata: { app: "c" }, role_descriptors: {} });
      expect(listed.access).toBeUndefined();
    }
  });

  it("stores role descriptors in Elasticsearch's shape and limits the key to them", async () => {
    const e = emulator();
    const res = await clients(e).elastic.post("/_security/api_key", {
      name: "limited",
      role_descriptors: { reader: { cluster: ["monitor"], indices: [{ names: ["logs-*"], privileges: ["read"] }] } },
    });
    expect(res.status).toBe(200);
    const listed = (await clients(e).elastic.get(`/_security/api_key?id=${res.json.id}`)).json.api_keys[0];
    expect(listed.role_descriptors).toEqual({
      reader: {
        cluster: ["monitor"],
        indices: [{ names: ["logs-*"], privileges: ["read"], allow_restricted_indices: false }],
        applications: [],
        run_as: [],
        metadata: {},
        transient_metadata: { enabled: true },
      },
    });
    const limited = client(e.esUrl, apiKeyAuth(res.json.encoded));
    expect((await limited.get("/")).status).toBe(200);
    expect((await limited.get("/_security/api_key")).status).toBe(403);
  });

  it("applies the name rules and strict parsing", async () => {
    const { elastic } = clients(emulator());
    expect((await elastic.post("/_security/api_key", { name: "_x" })).json).toEqual(
      esError(400, "action_request_validation_exception", "Validation Failed: 1: api key name may not begin with an underscore;"),
    );
    expect((await elastic.post("/_security/api_key", { name: "k", access: {} })).json.error.reason).toBe("[1:13] [api_key_request] unknown field [access]");
    expect((await elastic.post("/_security/api_key", { name: "k", role_descriptors: { r: { indices: [{ names: ["a"] }] } } })).json.error.root_cause).toEqual([
      { type: "parse_exception", reason: "failed to parse indices privileges for role [r]. missing required [privileges] field" },
    ]);
  });

  it("updates REST keys and refuses cross-cluster ones", async () => {
    const e = emulator();
    const { elastic } = clients(e);
    const id = e.credentials.restApiKey.id;
    expect((await elastic.put(`/_security/api_key/${id}`, { metadata: { v: 1 } })).json).toEqual({ updated: true });
    expect((await elastic.put(`/_security/api_key/${id}`, { metadata: { v: 1 } })).json).toEqual({ updated: false });
    expect((await elastic.put(`/_security/api_key/${id}`)).json).toEqual({ updated: false });
    const cc = await createCrossClusterKey(e);
    expect((await elastic.put(`/_security/api_key/${cc.id}`, { metadata: {} })).json).toEqual(
      esError(400, "illegal_argument_exception", "cannot update API key of type [cross_cluster] while expected type is [rest]"),
    );
  });

  it("lets the key admin create REST keys", async () => {
    const res = await clients(emulator()).keyAdmin.post("/_security/api_key?refresh=wait_for", { name: "admin-key" });
    expect(res.status).toBe(200);
  });
});
