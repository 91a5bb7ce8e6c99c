import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElasticsearchClient } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";
import { FAST_RETRY, rejectionOf } from "./helpers";

let emulator: Emulator;
let es: ElasticsearchClient;

beforeAll(async () => {
  emulator = await startEmulator({ restApiKey: true });
  es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", ...emulator.credentials.superuser }, retry: FAST_RETRY });
});
afterAll(async () => {
  await es.close();
  await emulator.close();
});

describe("ElasticsearchClient", () => {
  it("info", async () => {
    const info = await es.info();
    expect(info.version.number).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof info.cluster_uuid).toBe("string");
  });

  it("authenticates with a bearer token and with an API key", async () => {
    const bearer = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "bearer", token: emulator.credentials.bearerToken } });
    const apiKey = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "apiKey", encoded: emulator.credentials.restApiKey.encoded } });
    expect((await bearer.info()).cluster_name).toBeTruthy();
    expect((await apiKey.info()).cluster_name).toBeTruthy();
    // Elasticsearch refuses API-key authentication for cross-cluster key management.
    const err = await rejectionOf(apiKey.createCrossClusterApiKey({ name: "via-api-key", access: { search: [{ names: "*" }] } }));
    expect(err).toMatchObject({ code: "ELASTIC_ES_API", status: 400 });
    expect(err.reason).toContain("authentication via API key not supported");
    await bearer.close();
    await apiKey.close();
  });

  describe("cross-cluster API keys", () => {
    it("create → get by id → get by name → update → invalidate", async () => {
      const created = await es.createCrossClusterApiKey({
        name: "ccs-key",
        access: { search: [{ names: ["logs-*"], query: { term: { team: "a" } } }] },
        expiration: "1d",
        metadata: { team: "a" },
      });
      expect(created.name).toBe("ccs-key");
      expect(created.id).toHaveLength(20);
      expect(Buffer.from(created.encoded, "base64").toString()).toBe(`${created.id}:${created.api_key}`);
      expect(created.expiration).toBeGreaterThan(Date.now());

      const key = await es.getApiKey(created.id);
      expect(key).toMatchObject({ id: created.id, name: "ccs-key", type: "cross_cluster", invalidated: false, metadata: { team: "a" } });
      expect(key?.access?.search?.[0]).toMatchObject({ names: ["logs-*"], allow_restricted_indices: false });
      expect(typeof key?.access?.search?.[0]?.query).toBe("string");
      expect(key?.role_descriptors?.["cross_cluster"]?.cluster).toEqual(["cross_cluster_search", "monitor_enrich"]);

      const byName = await es.getApiKeysByName("ccs-key");
      expect(byName.map((k) => k.id)).toContain(created.id);

      expect(await es.updateCrossClusterApiKey(created.id, { access: { replication: [{ names: "r-*" }] }, metadata: { team: "b" } })).toEqual({
        updated: true,
      });
      expect((await es.updateCrossClusterApiKey(created.id, { access: { replication: [{ names: "r-*" }] }, metadata: { team: "b" } })).updated).toBe(
        false,
      );
      expect((await es.getApiKey(created.id))?.role_descriptors?.["cross_cluster"]?.cluster).toEqual(["cross_cluster_replication"]);

      const inv = await es.invalidateApiKeys([created.id]);
      expect(inv).toMatchObject({ invalidated_api_keys: [created.id], previously_invalidated_api_keys: [], error_count: 0 });
      // Idempotent: a second call finds nothing to do.
      expect(await es.invalidateApiKeys([created.id])).toMatchObject({ invalidated_api_keys: [], error_count: 0 });
      expect((await es.getApiKey(created.id))?.invalidated).toBe(true);
      expect((await es.getApiKeysByName("ccs-key", { activeOnly: true })).map((k) => k.id)).not.toContain(created.id);
    });

    it("getApiKey of a missing id → undefined; invalidate of a missing id → empty success", async () => {
      expect(await es.getApiKey("doesNotExist12345678")).toBeUndefined();
      expect(await es.invalidateApiKeys(["doesNotExist12345678"])).toMatchObject({ invalidated_api_keys: [], error_count: 0 });
    });

    it("update errors come back as ElasticsearchError", async () => {
      const err = await rejectionOf(es.updateCrossClusterApiKey("doesNotExist12345678", { metadata: {} }));
      expect(err).toMatchObject({ code: "ELASTIC_ES_API", status: 404, type: "resource_not_found_exception" });
      const { id } = await es.createCrossClusterApiKey({ name: "k2", access: { search: [{ names: "*" }] } });
      const noChange = await rejectionOf(es.updateCrossClusterApiKey(id, { expiration: "1d" }));
      expect(noChange.reason).toContain("must update either [access] or [metadata]");
    });

    it("queryApiKeys", async () => {
      await es.createCrossClusterApiKey({ name: "queried", access: { search: [{ names: "*" }] } });
      const res = await es.queryApiKeys({ query: { term: { type: "cross_cluster" } }, size: 100 });
      expect(res.count).toBe(res.api_keys.length);
      expect(res.total).toBeGreaterThanOrEqual(res.count);
      expect(res.api_keys.every((k) => k.type === "cross_cluster")).toBe(true);
      expect(res.api_keys.map((k) => k.name)).toContain("queried");
    });
  });

  describe("REST API keys", () => {
    it("createApiKey", async () => {
      const created = await es.createApiKey({
        name: "connector-key",
        role_descriptors: { connector: { cluster: ["monitor"], indices: [{ names: ["content-*"], privileges: ["all"] }] } },
        metadata: { purpose: "connector" },
      });
      expect(created.encoded).toBe(Buffer.from(`${created.id}:${created.api_key}`).toString("base64"));
      expect((await es.getApiKey(created.id))?.type).toBe("rest");
    });
  });

  describe("connectors", () => {
    it("create → get → bind key → noop → unbind; missing → undefined / 404", async () => {
      expect((await es.createConnector("my-connector", { index_name: "search-my", name: "My", service_type: "google_drive" })).result).toBe(
        "created",
      );
      const connector = await es.getConnector("my-connector");
      expect(connector).toMatchObject({ id: "my-connector", index_name: "search-my" });
      expect(connector?.api_key_id ?? undefined).toBeUndefined();

      const key = await es.createApiKey({ name: "for-connector" });
      const secret = await es.createConnectorSecret({ value: key.encoded });
      expect(await es.updateConnectorApiKeyId("my-connector", { api_key_id: key.id, api_key_secret_id: secret.id })).toEqual({ result: "updated" });
      expect(await es.getConnector("my-connector")).toMatchObject({ api_key_id: key.id, api_key_secret_id: secret.id });
      expect(await es.updateConnectorApiKeyId("my-connector", { api_key_id: key.id, api_key_secret_id: secret.id })).toEqual({ result: "noop" });
      // Elasticsearch refuses an update that writes nothing ({} or only nulls): unbinding means writing "".
      const nothing = await rejectionOf(es.updateConnectorApiKeyId("my-connector", { api_key_id: null }));
      expect(nothing).toMatchObject({ code: "ELASTIC_ES_API", status: 400 });
      expect(nothing.reason).toContain("[api_key_id] and [api_key_secret_id] cannot both be [null]");
      expect(await es.updateConnectorApiKeyId("my-connector", { api_key_id: "", api_key_secret_id: "" })).toEqual({ result: "updated" });
      expect(await es.getConnector("my-connector")).toMatchObject({ api_key_id: "", api_key_secret_id: "" });

      expect(await es.getConnector("no-such-connector")).toBeUndefined();
      const err = await rejectionOf(es.updateConnectorApiKeyId("no-such-connector", { api_key_id: "x" }));
      expect(err).toMatchObject({ code: "ELASTIC_ES_API", status: 404 });
    });

    it("connector secrets: create → get → delete → missing", async () => {
      const { id } = await es.createConnectorSecret({ value: "secret-value-for-connector" });
      expect(await es.getConnectorSecret(id)).toMatchObject({ id, value: "secret-value-for-connector" });
      expect(await es.deleteConnectorSecret(id)).toBe(true);
      expect(await es.getConnectorSecret(id)).toBeUndefined();
      expect(await es.deleteConnectorSecret(id)).toBe(false);
    });
  });
});
