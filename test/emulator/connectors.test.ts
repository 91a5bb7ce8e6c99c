import { describe, expect, it } from "vitest";
import { clients, esError, useEmulator } from "./helpers";

describe("connectors", () => {
  const emulator = useEmulator();
  const es = () => clients(emulator()).elastic;
  const bind = (id: string, body?: unknown) => es().put(`/_connector/${id}/_api_key_id`, body);

  it("creates (201) and overwrites (200) a connector with PUT", async () => {
    const created = await es().put("/_connector/my-connector", { index_name: "search-docs", name: "Docs", service_type: "sharepoint_online" });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ result: "created", id: "my-connector" });
    const overwritten = await es().put("/_connector/my-connector", { index_name: "search-docs" });
    expect(overwritten.status).toBe(200);
    expect(overwritten.json).toEqual({ result: "updated", id: "my-connector" });
  });

  it("renders the document in the notes' field order, without key fields until they are written", async () => {
    await es().put("/_connector/c1", { index_name: "search-c1", name: "C1", service_type: "gmail", description: "d" });
    const res = await es().get("/_connector/c1");
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual([
      "id", "configuration", "custom_scheduling", "description", "index_name", "is_native", "name", "pipeline", "scheduling", "service_type", "status", "sync_now", "deleted", "filtering",
    ]);
    expect(res.json).toMatchObject({ id: "c1", index_name: "search-c1", is_native: false, status: "created", sync_now: false, deleted: false, configuration: {}, custom_scheduling: {} });
    await bind("c1", { api_key_id: "key-1", api_key_secret_id: "secret-1" });
    const bound = await es().get("/_connector/c1");
    expect(Object.keys(bound.json).slice(0, 4)).toEqual(["id", "api_key_id", "api_key_secret_id", "configuration"]);
    expect(bound.json).toMatchObject({ api_key_id: "key-1", api_key_secret_id: "secret-1" });
  });

  it("updates, then answers noop when unchanged; {} and two nulls are a 400 — null never clears, \"\" does", async () => {
    await es().put("/_connector/c1", { index_name: "search-c1" });
    expect((await bind("c1", { api_key_id: "k1", api_key_secret_id: "s1" })).json).toEqual({ result: "updated" });
    expect((await bind("c1", { api_key_id: "k1", api_key_secret_id: "s1" })).json).toEqual({ result: "noop" });
    const bothNull = esError(
      400,
      "action_request_validation_exception",
      "Validation Failed: 1: [api_key_id] and [api_key_secret_id] cannot both be [null]. Please provide a value for at least one of them.;",
    );
    expect((await bind("c1", {})).json).toEqual(bothNull);
    expect((await bind("c1", { api_key_id: null, api_key_secret_id: null })).json).toEqual(bothNull);
    expect((await es().get("/_connector/c1")).json).toMatchObject({ api_key_id: "k1", api_key_secret_id: "s1" });
    expect((await bind("c1", { api_key_id: "k2", api_key_secret_id: null })).json).toEqual({ result: "updated" });
    expect((await es().get("/_connector/c1")).json).toMatchObject({ api_key_id: "k2", api_key_secret_id: "s1" });
    expect((await bind("c1", { api_key_id: "", api_key_secret_id: "" })).json).toEqual({ result: "updated" });
    expect((await es().get("/_connector/c1")).json).toMatchObject({ api_key_id: "", api_key_secret_id: "" });
    expect(emulator().inventory().connectors[0]).toMatchObject({ id: "c1", api_key_id: "", api_key_secret_id: "" });
  });

  it("parses the body strictly", async () => {
    await es().put("/_connector/c1", { index_name: "search-c1" });
    expect((await bind("c1", { api_key: "x" })).json).toEqual(
      esError(400, "x_content_parse_exception", "[1:2] [connector_update_api_key_id_request] unknown field [api_key] did you mean [api_key_id]?"),
    );
    expect((await bind("c1", '{"api_key_id":42}')).json).toEqual(
      esError(400, "x_content_parse_exception", "[1:15] [connector_update_api_key_id_request] api_key_id doesn't support values of type: VALUE_NUMBER"),
    );
    expect((await bind("c1", { api_key_secret_id: true })).json.error.reason).toBe(
      "[1:22] [connector_update_api_key_id_request] api_key_secret_id doesn't support values of type: VALUE_BOOLEAN",
    );
    expect((await bind("c1")).json).toEqual(esError(400, "parse_exception", "request body is required"));
  });

  it("answers 404 for a missing connector", async () => {
    expect((await bind("ghost", { api_key_id: "k" })).json).toEqual(esError(404, "resource_not_found_exception", "connector [ghost] not found"));
    expect((await es().get("/_connector/ghost")).json).toEqual(esError(404, "resource_not_found_exception", "connector [ghost] not found"));
    await es().put("/_connector/real", { index_name: "search-real" });
    const missing = await bind("ghost", { api_key_id: "k" });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ type: "document_missing_exception", reason: "[ghost]: document missing", index: ".elastic-connectors-v1", shard: "0" });
  });

  it("refuses an empty connector id", async () => {
    expect((await bind("", { api_key_id: "k" })).json).toEqual(
      esError(400, "action_request_validation_exception", 'Validation Failed: 1: [connector_id] cannot be [null] or [""].;'),
    );
  });

  it("lists connectors", async () => {
    await es().put("/_connector/a", { index_name: "search-a" });
    await es().put("/_connector/b", { index_name: "search-b" });
    const res = await es().get("/_connector");
    expect(res.json.count).toBe(2);
    expect(res.json.results.map((c: { id: string }) => c.id)).toEqual(["a", "b"]);
  });
});

describe("connector creation rules", () => {
  const emulator = useEmulator();
  const es = () => clients(emulator()).elastic;

  it("refuses an invalid index name and one another connector uses, but lets a connector keep its own", async () => {
    const invalid = await es().put("/_connector/c1", { index_name: "_this-is-invalid" });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatchObject({ type: "invalid_index_name_exception", reason: "Invalid index name [_this-is-invalid], must not start with '_', '-', or '+'" });
    expect((await es().put("/_connector/c1", { index_name: "Search-Upper" })).json.error.reason).toBe("Invalid index name [Search-Upper], must be lowercase");
    expect((await es().put("/_connector/c1", { index_name: "search-a*" })).status).toBe(400);
    expect(emulator().inventory().connectors).toEqual([]);
    expect((await es().put("/_connector/c1", { index_name: "search-shared" })).status).toBe(201);
    expect((await es().put("/_connector/c1", { index_name: "search-shared" })).status).toBe(200);
    expect((await es().put("/_connector/c2", { index_name: "search-shared" })).json).toEqual(
      esError(400, "status_exception", "Index name [search-shared] is used by another connector."),
    );
  });

  it("makes up an id for PUT or POST _connector", async () => {
    for (const method of ["PUT", "POST"]) {
      const res = await es().call(method, "/_connector", { index_name: `search-${method.toLowerCase()}` });
      expect(res.status).toBe(201);
      expect(res.json).toEqual({ result: "created", id: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/) });
      expect((await es().get(`/_connector/${res.json.id}`)).json.index_name).toBe(`search-${method.toLowerCase()}`);
    }
  });
});

describe("connector secrets", () => {
  const emulator = useEmulator();
  const es = () => clients(emulator()).elastic;

  it("creates, reads and deletes a secret", async () => {
    const created = await es().post("/_connector/_secret", { value: "encoded-api-key" });
    expect(created.status).toBe(200);
    expect(Object.keys(created.json)).toEqual(["id"]);
    const { id } = created.json;
    expect(id).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await es().get(`/_connector/_secret/${id}`)).json).toEqual({ id, value: "encoded-api-key" });
    expect(emulator().inventory().connectorSecrets).toEqual([{ id }]);
    expect(JSON.stringify(emulator().inventory())).not.toContain("encoded-api-key");
    expect(emulator().issuedSecrets()).toContain("encoded-api-key");
    expect((await es().delete(`/_connector/_secret/${id}`)).json).toEqual({ deleted: true });
    expect((await es().get(`/_connector/_secret/${id}`)).json).toEqual(esError(404, "resource_not_found_exception", `No secret with id [${id}]`));
    expect((await es().delete(`/_connector/_secret/${id}`)).status).toBe(404);
  });

  it("puts a secret under a chosen id: created, then updated", async () => {
    expect((await es().put("/_connector/_secret/my-secret", { value: "first-connector-secret" })).json).toEqual({ result: "created" });
    expect((await es().put("/_connector/_secret/my-secret", { value: "second-connector-secret" })).json).toEqual({ result: "updated" });
    expect((await es().get("/_connector/_secret/my-secret")).json).toEqual({ id: "my-secret", value: "second-connector-secret" });
    expect(emulator().issuedSecrets()).toContain("second-connector-secret");
    expect((await es().put("/_connector/_secret/my-secret", { value: null })).status).toBe(400);
    expect((await clients(emulator()).keyAdmin.put("/_connector/_secret/other", { value: "x-secret-value" })).status).toBe(403);
  });

  it("requires a non-empty value", async () => {
    expect((await es().post("/_connector/_secret", { value: "" })).json).toEqual(
      esError(400, "action_request_validation_exception", 'Validation Failed: 1: [value] of the connector secret cannot be [null] or [""];'),
    );
    expect((await es().post("/_connector/_secret", { valeu: "x" })).json.error.reason).toBe("[1:2] [post_secret_request] unknown field [valeu] did you mean [value]?");
  });

  it("is not readable by the key admin", async () => {
    const { id } = (await es().post("/_connector/_secret", { value: "connector-secret-the-key-admin-may-not-read" })).json;
    expect((await clients(emulator()).keyAdmin.get(`/_connector/_secret/${id}`)).status).toBe(403);
  });
});
