import { describe, expect, it } from "vitest";
import { client, apiKeyAuth, clients, createCrossClusterKey, esError, useEmulator } from "./helpers";

const EMPTY = { invalidated_api_keys: [], previously_invalidated_api_keys: [], error_count: 0 };

describe("DELETE /_security/api_key", () => {
  const emulator = useEmulator({ restApiKey: true });
  const invalidate = (body?: unknown) => clients(emulator()).elastic.delete("/_security/api_key", body);

  it("invalidates by id, in Elasticsearch's response order", async () => {
    const key = await createCrossClusterKey(emulator());
    const res = await invalidate({ ids: [key.id] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ invalidated_api_keys: [key.id], previously_invalidated_api_keys: [], error_count: 0 });
    expect(Object.keys(res.json)).toEqual(["invalidated_api_keys", "previously_invalidated_api_keys", "error_count"]);
    expect(emulator().inventory().apiKeys.find((k) => k.id === key.id)).toMatchObject({ invalidated: true, invalidation: expect.any(Number) });
  });

  it("answers 200 with empty lists for a missing id, and is idempotent", async () => {
    expect((await invalidate({ ids: ["missing"] })).json).toEqual(EMPTY);
    const key = await createCrossClusterKey(emulator());
    await invalidate({ ids: [key.id] });
    expect((await invalidate({ ids: [key.id] })).json).toEqual(EMPTY);
  });

  it("still invalidates expired keys", async () => {
    const e = emulator();
    const key = await createCrossClusterKey(e, { expiration: "1m" });
    e.clock.advance(120_000);
    expect((await invalidate({ ids: [key.id] })).json.invalidated_api_keys).toEqual([key.id]);
  });

  it("validates ids", async () => {
    expect((await invalidate({ ids: [] })).json).toEqual(
      esError(400, "action_request_validation_exception", "Validation Failed: 1: Field [ids] cannot be an empty array;"),
    );
    expect((await invalidate({ ids: [""] })).json).toEqual(
      esError(400, "action_request_validation_exception", "Validation Failed: 1: Field [ids] must not contain blank id, but got blank id at index position: [0];"),
    );
    expect((await invalidate({ ids: ["ok", " ", ""] })).json.error.reason).toBe(
      "Validation Failed: 1: Field [ids] must not contain blank ids, but got blank ids at index positions: [1, 2];",
    );
  });

  it("requires a body with some criterion, and knows only its fields", async () => {
    expect((await invalidate()).json).toEqual(esError(400, "parse_exception", "request body is required"));
    expect((await invalidate({})).json.error.reason).toBe(
      "Validation Failed: 1: One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false;",
    );
    expect((await invalidate({ id: "x" })).json).toEqual(
      esError(400, "x_content_parse_exception", "[1:2] [invalidate_api_key] unknown field [id] did you mean [ids]?"),
    );
  });

  it("invalidates by name (with trailing *)", async () => {
    const e = emulator();
    const a = await createCrossClusterKey(e, { name: "tmp-a" });
    const b = await createCrossClusterKey(e, { name: "tmp-b" });
    await createCrossClusterKey(e, { name: "keep" });
    expect((await invalidate({ name: "tmp-*" })).json.invalidated_api_keys).toEqual([a.id, b.id]);
  });

  it("answers 200 with error_count 1 when a manage_api_key caller targets a cross-cluster key", async () => {
    const e = emulator();
    const key = await createCrossClusterKey(e);
    const res = await clients(e).keyAdmin.delete("/_security/api_key", { ids: [key.id, e.credentials.restApiKey.id] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      invalidated_api_keys: [e.credentials.restApiKey.id],
      previously_invalidated_api_keys: [],
      error_count: 1,
      error_details: [
        {
          type: "security_exception",
          reason: `Cannot invalidate cross-cluster API key [${key.id}]. This requires [manage_security] cluster privilege or higher`,
        },
      ],
    });
    expect(e.inventory().apiKeys.find((k) => k.id === key.id)!.invalidated).toBe(false);
  });

  it("lets the owner's REST key invalidate keys (and itself)", async () => {
    const e = emulator();
    const self = client(e.esUrl, apiKeyAuth(e.credentials.restApiKey.encoded));
    expect((await self.delete("/_security/api_key", { ids: [e.credentials.restApiKey.id] })).json.invalidated_api_keys).toEqual([
      e.credentials.restApiKey.id,
    ]);
    expect((await self.get("/_security/_authenticate")).status).toBe(401);
  });
});
