import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { crossClusterKeys, esCall, requestsTo } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";

const CREATE = "POST /_security/cross_cluster/api_key";
const UPDATE = "PUT /_security/cross_cluster/api_key/{id}";
const INVALIDATE = "DELETE /_security/api_key";

const TYPE = "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey";

/** The numbered steps of an acceptance test, Terraform-style: each `up` applies the next configuration. */
let args: CrossClusterApiKeyArgs;
const program = () => {
  new CrossClusterApiKey("replication", args);
};

async function theKey(stack: TestStack) {
  const state = await stack.engine.readState();
  const live = state.resources.filter((r) => r.type === TYPE && !r.pendingDelete);
  expect(live).toHaveLength(1);
  return live[0]!;
}

describe("CrossClusterApiKey through the real dynamic-provider host", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(program);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("1. preview plans a create and sends no create request", async () => {
    args = {
      name: "logs-replication",
      access: { search: [{ names: ["logs-*"] }], replication: [{ names: "archive-*" }] },
      metadata: { team: "platform" },
      expiration: "30d",
    };
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(preview.steps.map((s) => s.op)).toContain("create");
    expect(requestsTo(stack.emulator, CREATE)).toHaveLength(0);
    expect(crossClusterKeys(stack.emulator)).toHaveLength(0);
  });

  it("2. up creates the key; key material is secret and encrypted in the state file", async () => {
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const key = await theKey(stack);
    const remote = crossClusterKeys(stack.emulator);
    expect(remote).toHaveLength(1);
    expect(remote[0]).toMatchObject({ id: key.id, name: "logs-replication", invalidated: false, metadata: { team: "platform" } });
    expect(key.outputs).toMatchObject({
      keyId: key.id,
      name: "logs-replication",
      metadata: { team: "platform" },
      access: { search: [{ names: ["logs-*"], allowRestrictedIndices: false }], replication: [{ names: ["archive-*"], allowRestrictedIndices: false }] },
    });
    const apiKey = key.outputs.apiKey as string;
    expect(Buffer.from(key.outputs.encoded as string, "base64").toString()).toBe(`${key.id}:${apiKey}`);
    expect(Date.parse(key.outputs.expiration as string) - Date.parse(key.outputs.creation as string)).toBeGreaterThan(29 * 86_400_000);
    expect(key.secretOutputKeys).toEqual(expect.arrayContaining(["apiKey", "encoded"]));
    const file = readFileSync(stack.engine.stateFile, "utf8");
    for (const secret of stack.emulator.issuedSecrets()) expect(file).not.toContain(secret);
    // The provider's create marker is the provider's business, not the user's metadata.
    expect(Object.keys(key.outputs.metadata as object)).toEqual(["team"]);
  });

  it("3. a second up is a no-op: no create, no update", async () => {
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.filter((s) => s.type === TYPE).map((s) => s.op)).toEqual(["same"]);
    expect(requestsTo(stack.emulator, CREATE)).toHaveLength(0);
    expect(requestsTo(stack.emulator, UPDATE)).toHaveLength(0);
  });

  it("4. semantically equal inputs (string vs array names, explicit defaults) are still no change", async () => {
    args = {
      ...args,
      access: { search: [{ names: "logs-*", allowRestrictedIndices: false }], replication: [{ names: ["archive-*"] }] },
    };
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(preview.steps.filter((s) => s.type === TYPE).map((s) => s.op)).toEqual(["same"]);
  });

  it("5. an access change updates in place: same id, same key material", async () => {
    const before = await theKey(stack);
    args = { ...args, access: { search: [{ names: ["logs-*", "metrics-*"] }] } };
    const preview = await stack.engine.preview();
    expect(preview.steps.filter((s) => s.type === TYPE).map((s) => s.op)).toEqual(["update"]);
    expect(preview.report).toContain("access");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const after = await theKey(stack);
    expect(after.id).toBe(before.id);
    expect(after.outputs.apiKey).toBe(before.outputs.apiKey);
    const remote = crossClusterKeys(stack.emulator).find((k) => k.id === before.id);
    expect(remote?.access).toEqual({
      search: [{ names: ["logs-*", "metrics-*"], allow_restricted_indices: false }],
    });
    // Expiration was not touched, so the key's lifetime did not restart.
    expect(after.outputs.expiration).toBe(before.outputs.expiration);
  });

  it("6. a name change replaces: the new key exists before the old one is invalidated", async () => {
    const before = await theKey(stack);
    args = { ...args, name: "logs-replication-v2" };
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === TYPE);
    expect(step?.op).toBe("replace");
    expect(step?.replaceReasons).toContain("name");
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const after = await theKey(stack);
    expect(after.id).not.toBe(before.id);
    const order = stack.emulator.requests().filter((r) => r.route === CREATE || r.route === INVALIDATE).map((r) => r.route);
    expect(order).toEqual([CREATE, INVALIDATE]);
    const remote = crossClusterKeys(stack.emulator);
    expect(remote.find((k) => k.id === before.id)?.invalidated).toBe(true);
    expect(remote.find((k) => k.id === after.id)).toMatchObject({ name: "logs-replication-v2", invalidated: false });
  });

  it("7. out-of-band access change shows as drift on refresh and the next up restores the declared access", async () => {
    const key = await theKey(stack);
    const changed = await esCall(stack.emulator, "PUT", `/_security/cross_cluster/api_key/${key.id}`, {
      access: { replication: [{ names: ["everything-*"] }] },
    });
    expect(changed.status).toBe(200);
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    expect(refresh.steps.find((s) => s.type === TYPE)?.op).toBe("refresh-drift");
    // Key material cannot be read back: it is kept from state, and stays secret after the read.
    const refreshed = await theKey(stack);
    expect(refreshed.outputs.apiKey).toBe(key.outputs.apiKey);
    expect(refreshed.secretOutputKeys).toEqual(expect.arrayContaining(["apiKey", "encoded"]));
    expect(refreshed.outputs.access).toEqual({ replication: [{ names: ["everything-*"], allowRestrictedIndices: false }] });
    const preview = await stack.engine.preview();
    expect(preview.steps.find((s) => s.type === TYPE)?.op).toBe("update");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(crossClusterKeys(stack.emulator).find((k) => k.id === key.id)?.access).toEqual({
      search: [{ names: ["logs-*", "metrics-*"], allow_restricted_indices: false }],
    });
  });

  it("8. out-of-band invalidation: refresh drops the key and the next up creates a new one", async () => {
    const key = await theKey(stack);
    const invalidated = await esCall(stack.emulator, "DELETE", "/_security/api_key", { ids: [key.id] });
    expect(invalidated.status).toBe(200);
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    expect(refresh.steps.find((s) => s.type === TYPE)?.op).toBe("refresh-gone");
    expect((await stack.engine.readState()).resources.filter((r) => r.type === TYPE)).toHaveLength(0);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const recreated = await theKey(stack);
    expect(recreated.id).not.toBe(key.id);
    expect(crossClusterKeys(stack.emulator).filter((k) => !k.invalidated).map((k) => k.id)).toEqual([recreated.id]);
  });

  it("9. destroy invalidates the key and empties the state", async () => {
    const key = await theKey(stack);
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(crossClusterKeys(stack.emulator).find((k) => k.id === key.id)?.invalidated).toBe(true);
    expect(crossClusterKeys(stack.emulator).filter((k) => !k.invalidated)).toHaveLength(0);
    expect((await stack.engine.readState()).resources.filter((r) => r.type === TYPE)).toHaveLength(0);
  });

  it("nothing the emulator issued or accepted appears in the state file, reports or host logs", () => {
    const file = readFileSync(stack.engine.stateFile, "utf8");
    const logs = stack.engine.hostLogs().join("\n");
    for (const secret of stack.emulator.issuedSecrets()) {
      expect(file).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
