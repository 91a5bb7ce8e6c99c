import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { crossClusterKeys, esCall, requestsTo } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";

const TYPE = "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey";

describe("CrossClusterApiKey adoptKeyId takes over an existing key instead of creating one", () => {
  let stack: TestStack;
  let args: CrossClusterApiKeyArgs;
  let existingId: string;
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("adopted", args);
    });
    const made = await esCall(stack.emulator, "POST", "/_security/cross_cluster/api_key", {
      name: "hand-made",
      access: { search: [{ names: ["old-*"] }] },
    });
    expect(made.status).toBe(200);
    existingId = (made.json as { id: string }).id;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("refuses a key whose name differs, naming the name to use, and changes nothing", async () => {
    args = { name: "other-name", adoptKeyId: existingId, access: { search: [{ names: ["new-*"] }] } };
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.report).toContain('"hand-made"');
    expect(crossClusterKeys(stack.emulator).find((k) => k.id === existingId)?.access).toEqual({
      search: [{ names: ["old-*"], allow_restricted_indices: false }],
    });
    expect((await stack.engine.readState()).resources.filter((r) => r.type === TYPE)).toHaveLength(0);
  });

  it("refuses an id that does not exist", async () => {
    args = { name: "hand-made", adoptKeyId: "doesnotexist00000000", access: { search: [{ names: ["new-*"] }] } };
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.report).toContain("no API key with this id exists");
  });

  it("refuses a REST API key", async () => {
    const rest = await esCall(stack.emulator, "POST", "/_security/api_key", { name: "hand-made" });
    expect(rest.status).toBe(200);
    args = { name: "hand-made", adoptKeyId: (rest.json as { id: string }).id, access: { search: [{ names: ["new-*"] }] } };
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.report).toContain("only cross-cluster API keys can be adopted");
  });

  it("refuses a key owned by another user (Elasticsearch updates only the caller's own keys), changing nothing", async () => {
    expect((await esCall(stack.emulator, "PUT", "/_security/role/remote_admin", { cluster: ["manage_security"] })).status).toBe(200);
    const user = { password: "another-users-password", roles: ["remote_admin"] };
    expect((await esCall(stack.emulator, "PUT", "/_security/user/another_admin", user)).status).toBe(200);
    const auth = `Basic ${Buffer.from("another_admin:another-users-password").toString("base64")}`;
    const res = await fetch(`${stack.emulator.esUrl}/_security/cross_cluster/api_key`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ name: "hand-made", access: { search: [{ names: ["theirs-*"] }] } }),
    });
    const theirs = (await res.json()) as { id: string };
    args = { name: "hand-made", adoptKeyId: theirs.id, access: { search: [{ names: ["new-*"] }] } };
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.report).toContain("no API key owned by requesting user");
    expect(crossClusterKeys(stack.emulator).find((k) => k.id === theirs.id)).toMatchObject({
      username: "another_admin",
      invalidated: false,
      access: { search: [{ names: ["theirs-*"], allow_restricted_indices: false }] },
    });
    expect((await stack.engine.readState()).resources.filter((r) => r.type === TYPE)).toHaveLength(0);
  });

  it("adopts: no new key, the declared access is applied, key material stays absent", async () => {
    args = { name: "hand-made", adoptKeyId: existingId, access: { search: [{ names: ["new-*"] }] }, metadata: { owner: "pulumi" } };
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(requestsTo(stack.emulator, "POST /_security/cross_cluster/api_key")).toHaveLength(0);
    const key = (await stack.engine.readState()).resources.find((r) => r.type === TYPE)!;
    expect(key.id).toBe(existingId);
    expect(key.outputs.apiKey).toBeUndefined();
    expect(key.outputs.encoded).toBeUndefined();
    expect(crossClusterKeys(stack.emulator).find((k) => k.id === existingId)).toMatchObject({
      access: { search: [{ names: ["new-*"], allow_restricted_indices: false }] },
      metadata: { owner: "pulumi" },
    });
  });

  it("a second up is a no-op, and dropping adoptKeyId afterwards changes nothing", async () => {
    expect((await stack.engine.preview()).steps.find((s) => s.type === TYPE)?.op).toBe("same");
    const { adoptKeyId: _dropped, ...rest } = args;
    args = rest;
    expect((await stack.engine.preview()).steps.find((s) => s.type === TYPE)?.op).toBe("same");
  });

  it("destroy invalidates the adopted key", async () => {
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(crossClusterKeys(stack.emulator).find((k) => k.id === existingId)?.invalidated).toBe(true);
  });

  it("after destroy, the same resource adopts another existing key (its own invalidated keys are not a reason to create one)", async () => {
    const made = await esCall(stack.emulator, "POST", "/_security/cross_cluster/api_key", { name: "hand-made", access: { search: [{ names: ["old-*"] }] } });
    const secondId = (made.json as { id: string }).id;
    args = { name: "hand-made", adoptKeyId: secondId, access: { search: [{ names: ["new-*"] }] } };
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const [resource] = (await stack.engine.readState()).resources.filter((r) => r.type === TYPE);
    expect(resource?.id).toBe(secondId);
    expect(requestsTo(stack.emulator, "POST /_security/cross_cluster/api_key")).toHaveLength(0);
    expect((await stack.engine.destroy()).ok).toBe(true);
  });
});
