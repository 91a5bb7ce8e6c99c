import { describe, expect, it } from "vitest";
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
