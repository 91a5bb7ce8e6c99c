// certificateIdentity (Elasticsearch 9.3 strong identity verification) through the real dynamic-provider host:
// set at create, changed and removed in place, read back on refresh, and refused by older clusters with nothing
// half-done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { type Emulator, startEmulator } from "../../emulator";
import { crossClusterKeys, esCall, requestsTo } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";
import { CCK_TYPE, expectLiveKeysMatchState, liveKeys } from "./inventory";

const CREATE = "POST /_security/cross_cluster/api_key";
const UPDATE = "PUT /_security/cross_cluster/api_key/{id}";
const INVALIDATE = "DELETE /_security/api_key";
const DN = "CN=remote-.*,OU=search,O=Example";
const OTHER_DN = "(?i)^CN=remote-prod,OU=search,O=Example$";

let args: CrossClusterApiKeyArgs;
const program = () => {
  new CrossClusterApiKey("remote", args);
};

async function theKey(stack: TestStack) {
  const live = (await stack.engine.readState()).resources.filter((r) => r.type === CCK_TYPE && !r.pendingDelete);
  expect(live).toHaveLength(1);
  return live[0]!;
}

/** The stack's own emulator (one per Elasticsearch version) is not closed by the stack: both go here. */
async function closeWithEmulator(stack: TestStack | undefined): Promise<void> {
  await stack?.close();
  await stack?.emulator.close();
}

const remoteKey = (emulator: Emulator, id: string | undefined) => crossClusterKeys(emulator).find((k) => k.id === id);

describe("certificateIdentity on a 9.3+ cluster", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(program, { emulator: await startEmulator({ esVersion: "9.3.0" }) });
  });
  afterAll(() => closeWithEmulator(stack));

  it("create sends it: the key carries the pattern, and the output reads it back", async () => {
    args = { name: "remote-search", access: { search: [{ names: ["logs-*"] }] }, certificateIdentity: DN };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const key = await theKey(stack);
    expect(remoteKey(stack.emulator, key.id)?.certificate_identity).toBe(DN);
    expect(key.outputs.certificateIdentity).toBe(DN);
  });

  it("an unchanged program is a no-op: preview shows no diff and up writes nothing", async () => {
    stack.emulator.resetStats();
    const preview = await stack.engine.preview();
    expect(preview.steps.filter((s) => s.type === CCK_TYPE).map((s) => s.op)).toEqual(["same"]);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.filter((s) => s.type === CCK_TYPE).map((s) => s.op)).toEqual(["same"]);
    expect(requestsTo(stack.emulator, CREATE)).toHaveLength(0);
    expect(requestsTo(stack.emulator, UPDATE)).toHaveLength(0);
    expect(requestsTo(stack.emulator, INVALIDATE)).toHaveLength(0);
  });

  it("a changed pattern updates in place: listed as an update, never a replace; same id and key material", async () => {
    const before = await theKey(stack);
    args = { ...args, certificateIdentity: OTHER_DN };
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === CCK_TYPE);
    expect(step?.op).toBe("update");
    expect(step?.replaceReasons).toEqual([]);
    expect(step?.diffs.map((d) => d.property)).toEqual(["certificateIdentity"]);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const after = await theKey(stack);
    expect(after.id).toBe(before.id);
    expect(after.outputs.apiKey).toBe(before.outputs.apiKey);
    expect(after.outputs.certificateIdentity).toBe(OTHER_DN);
    expect(remoteKey(stack.emulator, after.id)?.certificate_identity).toBe(OTHER_DN);
  });

  it("an out-of-band change shows as drift on refresh, and the next up restores the declared pattern", async () => {
    const key = await theKey(stack);
    const changed = await esCall(stack.emulator, "PUT", `/_security/cross_cluster/api_key/${key.id}`, { certificate_identity: "CN=intruder" });
    expect(changed.status).toBe(200);
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    expect(refresh.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("refresh-drift");
    expect((await theKey(stack)).outputs.certificateIdentity).toBe("CN=intruder");
    // The real diff (program vs refreshed state) shows the drift as an in-place update of certificateIdentity. (The
    // refreshed inputs carry access and metadata in their normalized form, so the engine lists them too, unchanged.)
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === CCK_TYPE);
    expect(step?.op).toBe("update");
    expect(step?.replaceReasons).toEqual([]);
    expect(step?.diffs).toContainEqual({ property: "certificateIdentity", old: "CN=intruder", new: OTHER_DN });
    expect(preview.report).toContain(`certificateIdentity: "CN=intruder" → "${OTHER_DN}"`);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(remoteKey(stack.emulator, key.id)?.certificate_identity).toBe(OTHER_DN);
    expect((await theKey(stack)).id).toBe(key.id);
  });

  it("an out-of-band removal is drift too", async () => {
    const key = await theKey(stack);
    expect((await esCall(stack.emulator, "PUT", `/_security/cross_cluster/api_key/${key.id}`, { certificate_identity: null })).status).toBe(200);
    const refresh = await stack.engine.refresh();
    expect(refresh.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("refresh-drift");
    expect((await theKey(stack)).outputs).not.toHaveProperty("certificateIdentity");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(remoteKey(stack.emulator, key.id)?.certificate_identity).toBe(OTHER_DN);
  });

  it("removing the input clears the pattern in place (the update sends null); a refresh then finds no drift", async () => {
    const before = await theKey(stack);
    const { certificateIdentity: _removed, ...rest } = args;
    args = rest;
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === CCK_TYPE);
    expect(step?.op).toBe("update");
    expect(step?.diffs.map((d) => d.property)).toEqual(["certificateIdentity"]);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const after = await theKey(stack);
    expect(after.id).toBe(before.id);
    expect(after.outputs).not.toHaveProperty("certificateIdentity");
    expect(remoteKey(stack.emulator, after.id)).not.toHaveProperty("certificate_identity");
    const refresh = await stack.engine.refresh();
    expect(refresh.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("read");
  });

  it("a pattern added out of band to a key whose program never set one is drift, and up removes it", async () => {
    const key = await theKey(stack);
    expect((await esCall(stack.emulator, "PUT", `/_security/cross_cluster/api_key/${key.id}`, { certificate_identity: "CN=added" })).status).toBe(200);
    const refresh = await stack.engine.refresh();
    expect(refresh.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("refresh-drift");
    expect((await theKey(stack)).outputs.certificateIdentity).toBe("CN=added");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(remoteKey(stack.emulator, key.id)).not.toHaveProperty("certificate_identity");
  });
});

describe("certificateIdentity when adopting a key (9.3+)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(program, { emulator: await startEmulator({ esVersion: "9.3.0" }) });
  });
  afterAll(() => closeWithEmulator(stack));

  async function existingKey(name: string, certificateIdentity: string): Promise<string> {
    const created = await esCall(stack.emulator, "POST", "/_security/cross_cluster/api_key", {
      name,
      access: { search: [{ names: ["logs-*"] }] },
      certificate_identity: certificateIdentity,
    });
    expect(created.status).toBe(200);
    return (created.json as { id: string }).id;
  }

  it("the adopted key gets the declared pattern, or loses the one it had when none is declared", async () => {
    const withPattern = await existingKey("adopted-a", "CN=old");
    args = { name: "adopted-a", access: { search: [{ names: ["logs-*"] }] }, adoptKeyId: withPattern, certificateIdentity: DN };
    expect((await stack.engine.up()).ok).toBe(true);
    expect(remoteKey(stack.emulator, withPattern)?.certificate_identity).toBe(DN);
    expect((await theKey(stack)).outputs.certificateIdentity).toBe(DN);
    expect((await stack.engine.destroy()).ok).toBe(true);

    // Another resource: one whose keys were adopted before creates a new key instead of adopting again.
    const without = await existingKey("adopted-b", "CN=old");
    stack.setProgram(() => void new CrossClusterApiKey("adopter-b", { name: "adopted-b", access: { search: [{ names: ["logs-*"] }] }, adoptKeyId: without }));
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect((await theKey(stack)).id).toBe(without);
    expect(remoteKey(stack.emulator, without)).not.toHaveProperty("certificate_identity");
    expect((await stack.engine.preview()).steps.find((s) => s.type === CCK_TYPE)?.op).toBe("same");
  });
});

describe("certificateIdentity on a cluster before 9.3", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(program, { emulator: await startEmulator({ esVersion: "9.2.4" }) });
  });
  afterAll(() => closeWithEmulator(stack));

  const expectOlderClusterError = (message: string | undefined) => {
    expect(message).toContain('CrossClusterApiKey "remote-search"');
    expect(message).toContain("certificateIdentity needs Elasticsearch 9.3 or later");
    expect(message).toContain("this cluster runs Elasticsearch 9.2.4");
    expect(message).toContain("Remove certificateIdentity from the resource's inputs, or upgrade the cluster to 9.3 or later");
  };

  it("create with it fails, saying which version is needed, and leaves no key behind", async () => {
    args = { name: "remote-search", access: { search: [{ names: ["logs-*"] }] }, certificateIdentity: DN };
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expectOlderClusterError(up.steps.find((s) => s.type === CCK_TYPE)?.error);
    expect(up.report).toContain("No key was created");
    expect(liveKeys(stack.emulator, "cross_cluster")).toEqual([]);
    expect((await stack.engine.readState()).resources.filter((r) => r.type === CCK_TYPE)).toEqual([]);
  });

  it("without it everything works: the field is never sent (create, update, refresh, no-op up)", async () => {
    args = { name: "remote-search", access: { search: [{ names: ["logs-*"] }] } };
    expect((await stack.engine.up()).ok).toBe(true);
    args = { ...args, metadata: { team: "search" } };
    const update = await stack.engine.up();
    expect(update.ok, update.report).toBe(true);
    expect(update.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("update");
    expect((await stack.engine.refresh()).steps.find((s) => s.type === CCK_TYPE)?.op).toBe("read");
    expect((await stack.engine.up()).steps.find((s) => s.type === CCK_TYPE)?.op).toBe("same");
    await expectLiveKeysMatchState(stack);
  });

  it("adding it in an update fails with the same advice; the key and the state stay as they were", async () => {
    const before = await theKey(stack);
    const remoteBefore = remoteKey(stack.emulator, before.id);
    // A metadata change rides in the same request: it must not be applied either.
    args = { ...args, metadata: { team: "search", tier: "gold" }, certificateIdentity: DN };
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expectOlderClusterError(up.steps.find((s) => s.type === CCK_TYPE)?.error);
    expect(up.report).toContain("Nothing was changed: the key and the state are as before");
    const after = await theKey(stack);
    expect(after.id).toBe(before.id);
    expect(after.outputs).toEqual(before.outputs);
    expect(after.inputs).toEqual(before.inputs);
    expect(remoteKey(stack.emulator, before.id)).toEqual(remoteBefore);
  });

  it("with a replacement (new name) the create fails and the old key is still valid and in the state", async () => {
    const before = await theKey(stack);
    args = { ...args, name: "remote-search-v2", certificateIdentity: DN };
    const preview = await stack.engine.preview();
    expect(preview.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("replace");
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    const error = up.steps.find((s) => s.type === CCK_TYPE)?.error;
    expect(error).toContain('CrossClusterApiKey "remote-search-v2"');
    expect(error).toContain("certificateIdentity needs Elasticsearch 9.3 or later");
    expect((await theKey(stack)).id).toBe(before.id);
    expect(liveKeys(stack.emulator, "cross_cluster").map((k) => k.id)).toEqual([before.id]);
    await expectLiveKeysMatchState(stack);
  });

  it("removing the input again lets up go through", async () => {
    args = { name: "remote-search", access: { search: [{ names: ["logs-*"] }] }, metadata: { team: "search" } };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("same");
  });
});
