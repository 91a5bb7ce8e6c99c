import { describe, expect, it } from "vitest";
import { startEmulator } from "./index";
import { clients, createCrossClusterKey, SEARCH_ACCESS, useEmulator } from "./helpers";

const DN = "CN=remote-cluster,OU=search,O=Example";

describe("certificate_identity of cross-cluster keys (Stack 9.3)", () => {
  const emulator = useEmulator();
  const es = () => clients(emulator()).elastic;
  const get = async (id: string) => (await es().get(`/_security/api_key?id=${id}`)).json.api_keys[0];

  it("is set at create, returned by GET and query, and absent when not given", async () => {
    const withIdentity = await createCrossClusterKey(emulator(), { certificate_identity: DN });
    expect(Object.keys(withIdentity)).toEqual(["id", "name", "api_key", "encoded"]);
    expect((await get(withIdentity.id)).certificate_identity).toBe(DN);
    const query = await es().post("/_security/_query/api_key", { query: { ids: { values: [withIdentity.id] } } });
    expect(query.json.api_keys[0].certificate_identity).toBe(DN);
    expect(emulator().inventory().apiKeys[0]?.certificate_identity).toBe(DN);
    const without = await createCrossClusterKey(emulator());
    expect(await get(without.id)).not.toHaveProperty("certificate_identity");
  });

  it("is set by an update with a string, cleared with null, kept when omitted, and alone is a valid update", async () => {
    const key = await createCrossClusterKey(emulator());
    const update = (body: unknown) => es().put(`/_security/cross_cluster/api_key/${key.id}`, body);
    expect((await update({ certificate_identity: DN })).json).toEqual({ updated: true });
    expect((await update({ certificate_identity: DN })).json).toEqual({ updated: false });
    expect((await update({ metadata: { a: 1 } })).json).toEqual({ updated: true });
    expect((await get(key.id)).certificate_identity).toBe(DN);
    expect((await update({ access: SEARCH_ACCESS, certificate_identity: null })).json).toEqual({ updated: true });
    expect(await get(key.id)).not.toHaveProperty("certificate_identity");
    expect((await update({ certificate_identity: null })).json).toEqual({ updated: false });
  });

  it("must be a string or null", async () => {
    const res = await es().post("/_security/cross_cluster/api_key", { name: "k", access: SEARCH_ACCESS, certificate_identity: 42 });
    expect(res.status).toBe(400);
    expect(res.json.error.type).toBe("x_content_parse_exception");
  });
});

describe("certificate_identity on a cluster before 9.3 (`esVersion`)", () => {
  const emulator = useEmulator({ esVersion: "9.2.4" });
  const es = () => clients(emulator()).elastic;

  it("GET / reports the version; create and update refuse the field as unknown, and change nothing", async () => {
    expect((await es().get("/")).json.version.number).toBe("9.2.4");
    const create = await es().post("/_security/cross_cluster/api_key", { name: "k", access: SEARCH_ACCESS, certificate_identity: DN });
    expect(create.status).toBe(400);
    expect(create.json.error.type).toBe("x_content_parse_exception");
    expect(create.json.error.reason).toMatch(/\[cross_cluster_api_key_request_payload\] unknown field \[certificate_identity\]/);
    expect(emulator().inventory().apiKeys).toEqual([]);
    const key = await createCrossClusterKey(emulator());
    const update = await es().put(`/_security/cross_cluster/api_key/${key.id}`, { metadata: { a: 1 }, certificate_identity: null });
    expect(update.status).toBe(400);
    expect(update.json.error.reason).toMatch(/\[update_cross_cluster_api_key_request_payload\] unknown field \[certificate_identity\]/);
    expect(emulator().inventory().apiKeys[0]?.metadata).toEqual({});
  });

  it("9.3 and later take it", async () => {
    const newer = await startEmulator({ esVersion: "9.3.0" });
    try {
      const key = await createCrossClusterKey(newer, { certificate_identity: DN });
      expect(newer.inventory().apiKeys.find((k) => k.id === key.id)?.certificate_identity).toBe(DN);
    } finally {
      await newer.close();
    }
  });
});
