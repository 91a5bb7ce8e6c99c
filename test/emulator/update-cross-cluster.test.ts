import { describe, expect, it } from "vitest";
import { clients, createCrossClusterKey, esError, SEARCH_ACCESS, useEmulator } from "./helpers";

const path = (id: string) => `/_security/cross_cluster/api_key/${id}`;

describe("PUT /_security/cross_cluster/api_key/{id}", () => {
  const emulator = useEmulator({ restApiKey: true });
  const update = (id: string, body?: unknown) => clients(emulator()).elastic.put(path(id), body);
  const stored = (id: string) => emulator().inventory().apiKeys.find((k) => k.id === id)!;

  it("replaces access and metadata and answers updated:true", async () => {
    const key = await createCrossClusterKey(emulator(), { metadata: { a: 1 } });
    const res = await update(key.id, { access: { replication: [{ names: ["archive"] }] }, metadata: { b: 2 } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ updated: true });
    expect(stored(key.id).access).toEqual({ replication: [{ names: ["archive"], allow_restricted_indices: false }] });
    expect(stored(key.id).metadata).toEqual({ b: 2 });
    expect(stored(key.id).role_descriptors).toMatchObject({ cross_cluster: { cluster: ["cross_cluster_replication"] } });
  });

  it("answers updated:false when access and metadata are unchanged, including access fed back from GET", async () => {
    const e = emulator();
    const key = await createCrossClusterKey(e, { access: { search: [{ names: "logs", query: { term: { a: 1 } } }] }, metadata: { k: "v" } });
    const current = (await clients(e).elastic.get(`/_security/api_key?id=${key.id}`)).json.api_keys[0];
    expect((await update(key.id, { access: current.access })).json).toEqual({ updated: false });
    expect((await update(key.id, { metadata: { k: "v" } })).json).toEqual({ updated: false });
    expect((await update(key.id, { access: current.access, metadata: current.metadata })).json).toEqual({ updated: false });
    expect((await update(key.id, { metadata: { k: "other" } })).json).toEqual({ updated: true });
  });

  it("answers updated:true whenever expiration is given, setting it to now + duration", async () => {
    const e = emulator();
    const key = await createCrossClusterKey(e, { metadata: { k: "v" } });
    e.clock.advance(1000);
    const before = e.clock.now();
    const res = await update(key.id, { metadata: { k: "v" }, expiration: "2h" });
    expect(res.json).toEqual({ updated: true });
    const expiration = stored(key.id).expiration!;
    expect(expiration).toBeGreaterThanOrEqual(before + 7_200_000);
    expect(expiration).toBeLessThan(e.clock.now() + 7_200_000 + 1);
  });

  it("keeps the expiration when none is given", async () => {
    const key = await createCrossClusterKey(emulator(), { expiration: "1d" });
    await update(key.id, { metadata: { x: 1 } });
    expect(stored(key.id).expiration).toBe(key.expiration);
  });

  it("requires a body, and access or metadata", async () => {
    const key = await createCrossClusterKey(emulator());
    expect((await update(key.id)).json).toEqual(esError(400, "parse_exception", "request body is required"));
    const mustUpdate = esError(400, "action_request_validation_exception", "Validation Failed: 1: must update either [access] or [metadata] for cross-cluster API keys;");
    expect((await update(key.id, {})).json).toEqual(mustUpdate);
    expect((await update(key.id, { expiration: "1d" })).json).toEqual(mustUpdate);
  });

  it("applies the access rules of create", async () => {
    const key = await createCrossClusterKey(emulator());
    expect((await update(key.id, { access: {} })).json).toEqual(
      esError(400, "illegal_argument_exception", "must specify non-empty access for either [search] or [replication]"),
    );
    expect((await update(key.id, { access: { search: [{ names: ["a"], query: "{}" }], replication: [{ names: ["b"] }] } })).json).toEqual(
      esError(400, "illegal_argument_exception", "search does not support document or field level security if replication is assigned"),
    );
    expect((await update(key.id, { metadata: { _x: 1 } })).json.error.reason).toBe("Validation Failed: 1: API key metadata keys may not start with [_];");
  });

  it("cannot rename a key: name is an unknown field", async () => {
    const key = await createCrossClusterKey(emulator());
    expect((await update(key.id, { name: "renamed", metadata: {} })).json).toEqual(
      esError(400, "x_content_parse_exception", "[1:2] [update_cross_cluster_api_key_request_payload] unknown field [name]"),
    );
  });

  it("reports unknown, invalidated, expired and REST keys in that order", async () => {
    const e = emulator();
    expect((await update("nosuchkey", { metadata: {} })).json).toEqual(
      esError(404, "resource_not_found_exception", "no API key owned by requesting user found for ID [nosuchkey]"),
    );

    const invalidated = await createCrossClusterKey(e, { expiration: "1h" });
    await clients(e).elastic.delete("/_security/api_key", { ids: [invalidated.id] });
    const expired = await createCrossClusterKey(e, { expiration: "1h" });
    e.clock.advance(2 * 3600_000);
    expect((await update(invalidated.id, { metadata: {} })).json).toEqual(
      esError(400, "illegal_argument_exception", `cannot update invalidated API key [${invalidated.id}]`),
    );
    expect((await update(expired.id, { metadata: {} })).json).toEqual(
      esError(400, "illegal_argument_exception", `cannot update expired API key [${expired.id}]`),
    );
    expect((await update(e.credentials.restApiKey.id, { metadata: {} })).json).toEqual(
      esError(400, "illegal_argument_exception", "cannot update API key of type [rest] while expected type is [cross_cluster]"),
    );
  });

  it("needs manage_security (403) and a non-API-key credential", async () => {
    const e = emulator();
    const key = await createCrossClusterKey(e);
    const denied = await clients(e).keyAdmin.put(path(key.id), { metadata: {} });
    expect(denied.status).toBe(403);
    expect(denied.json.error.reason).toMatch(/^action \[cluster:admin\/xpack\/security\/cross_cluster\/api_key\/update\] is unauthorized for user \[key_admin\]/);
    const viaKey = await clients(e).restKey.put(path(key.id), { metadata: {} });
    expect(viaKey.json).toEqual(
      esError(400, "illegal_argument_exception", "authentication via API key not supported: An API key cannot be used to update an API key"),
    );
  });

  it("works with a bearer token", async () => {
    const key = await createCrossClusterKey(emulator());
    expect((await clients(emulator()).bearer.put(path(key.id), { access: SEARCH_ACCESS, metadata: { t: 1 } })).json).toEqual({ updated: true });
  });
});
