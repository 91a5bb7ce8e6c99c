import { describe, expect, it } from "vitest";
import { clients, createCrossClusterKey, esError, useEmulator } from "./helpers";
import type { Emulator } from "./index";

async function seed(e: Emulator): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push((await createCrossClusterKey(e, { name: `ccs-${i}`, metadata: { tag: i, label: "cross" } })).id);
  }
  return ids;
}

describe("POST /_security/_query/api_key", () => {
  const emulator = useEmulator({ restApiKey: true });
  const query = (body?: unknown) => clients(emulator()).elastic.post("/_security/_query/api_key", body);
  const names = (res: { json: { api_keys: Array<{ name: string }> } }) => res.json.api_keys.map((k) => k.name);

  it("finds cross-cluster keys with a term query on type", async () => {
    const ids = await seed(emulator());
    const res = await query({ query: { term: { type: "cross_cluster" } } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(["total", "count", "api_keys"]);
    expect(res.json.total).toBe(3);
    expect(res.json.count).toBe(3);
    expect(res.json.api_keys.map((k: { id: string }) => k.id)).toEqual(ids);
    expect((await query({ query: { term: { type: { value: "rest" } } } })).json.total).toBe(1);
  });

  it("supports terms, bool filter/must/must_not, prefix and metadata fields", async () => {
    const e = emulator();
    const ids = await seed(e);
    expect(names(await query({ query: { terms: { name: ["ccs-0", "ccs-2"] } } }))).toEqual(["ccs-0", "ccs-2"]);
    expect(names(await query({ query: { bool: { must: [{ term: { type: "cross_cluster" } }, { term: { "metadata.tag": 2 } }] } } }))).toEqual(["ccs-2"]);
    expect(names(await query({ query: { bool: { filter: { term: { "metadata.label": "cross" } }, must_not: { term: { id: ids[0] } } } } }))).toEqual(["ccs-1", "ccs-2"]);
    expect(names(await query({ query: { prefix: { name: "ccs-" } } }))).toEqual(["ccs-0", "ccs-1", "ccs-2"]);
    expect(names(await query({ query: { ids: { values: [ids[1]] } } }))).toEqual(["ccs-1"]);
    await clients(e).elastic.delete("/_security/api_key", { ids: [ids[0]] });
    expect(names(await query({ query: { bool: { filter: [{ term: { invalidated: false } }, { term: { type: "cross_cluster" } }] } } }))).toEqual(["ccs-1", "ccs-2"]);
  });

  it("returns everything for an empty body or match_all, 10 at a time by default", async () => {
    const e = emulator();
    for (let i = 0; i < 11; i++) await createCrossClusterKey(e, { name: `k${i}` });
    const all = await query();
    expect(all.json.total).toBe(12);
    expect(all.json.count).toBe(10);
    expect((await query({ query: { match_all: {} }, from: 10, size: 5 })).json.count).toBe(2);
  });

  it("sorts and reports _sort values", async () => {
    await seed(emulator());
    const res = await query({ query: { term: { type: "cross_cluster" } }, sort: [{ name: { order: "desc" } }] });
    expect(names(res)).toEqual(["ccs-2", "ccs-1", "ccs-0"]);
    expect(res.json.api_keys[0]._sort).toEqual(["ccs-2"]);
    expect(names(await query({ sort: ["type", "name"] }))).toEqual(["ccs-0", "ccs-1", "ccs-2", "emulator-rest-key"]);
  });

  it("refuses fields and query types the API does not support", async () => {
    expect((await query({ query: { term: { api_key_hash: "x" } } })).json).toEqual(
      esError(400, "illegal_argument_exception", "Field [api_key_hash] is not allowed for querying or aggregation"),
    );
    expect((await query({ query: { match: { name: "x" } } })).json).toEqual(
      esError(400, "illegal_argument_exception", "Query type [match] is not supported for API Key query"),
    );
    expect((await query({ size: -1 })).json.error.reason).toBe("Validation Failed: 1: [size] parameter cannot be negative but was [-1];");
    expect((await query({ qurey: {} })).json.error.reason).toBe("[1:2] [query_api_key_request] unknown field [qurey] did you mean [query]?");
  });

  it("shows a manage_api_key caller every key", async () => {
    await seed(emulator());
    expect((await clients(emulator()).keyAdmin.post("/_security/_query/api_key", {})).json.total).toBe(4);
  });
});
