import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import { cloudCalls, cluster, DAY, GET, Recorder, REVOKE, ROTATE, theResource, travel, TYPE } from "./helpers";

/** Numbered steps, Terraform-acceptance style: each `up` applies the next configuration. */
let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("cluster-key", args);
};

describe("CloudConnectedClusterApiKey through the real dynamic-provider host", () => {
  let stack: TestStack;
  let clusterId: string;
  let originalKey: string;
  const ops = new Recorder(() => stack);
  const run = (op: "preview" | "up" | "destroy") => ops.run(op);
  const t0 = Date.parse("2026-03-01T00:00:00Z");

  beforeAll(async () => {
    stack = await startTestStack(program);
    clusterId = stack.emulator.defaultClusterId;
    originalKey = cluster(stack.emulator).activeKey!;
    travel(stack, t0);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("1. preview plans a create and sends no request at all", async () => {
    args = { clusterId, triggers: { release: "1" } };
    const preview = await run("preview");
    expect(preview.ok, preview.report).toBe(true);
    expect(preview.steps.find((s) => s.type === TYPE)?.op).toBe("create");
    expect(stack.emulator.stats().requests.total).toBe(0);
    expect(cluster(stack.emulator).rotations).toBe(0);
  });

  it("2. up rotates with If-Match: the new key is in state (secret), the old one is pending", async () => {
    const etagBefore = cluster(stack.emulator).etag;
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    // GET for the ETag, the conditional rotation, then GET for the ETag the rotation produced.
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 200`, `${GET} 200`]);
    const remote = cluster(stack.emulator);
    expect(remote.rotations).toBe(1);
    expect(remote.etag).not.toBe(etagBefore);
    const r = await theResource(stack);
    expect(r.id).toBe(clusterId);
    expect(r.outputs).toMatchObject({
      clusterId,
      key: remote.activeKey,
      rotatedAt: new Date(t0).toISOString(),
      previousKeyRevoked: false,
      etag: remote.etag,
      triggers: { release: "1" },
    });
    expect(r.secretOutputKeys).toContain("key");
    expect(stack.emulator.cloudKeyStatus(r.outputs.key as string)).toBe("active");
    expect(stack.emulator.cloudKeyStatus(originalKey)).toBe("pending");
  });

  it("3. a second up is a no-op: no request reaches Elastic Cloud", async () => {
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.filter((s) => s.type === TYPE).map((s) => s.op)).toEqual(["same"]);
    expect(cloudCalls(stack.emulator)).toEqual([]);
  });

  it("4. a trigger change rotates again; the previous key stays pending", async () => {
    const before = await theResource(stack);
    args = { ...args, triggers: { release: "2" } };
    travel(stack, t0 + DAY);
    stack.emulator.resetStats();
    const preview = await run("preview");
    expect(preview.steps.find((s) => s.type === TYPE)?.op).toBe("update");
    expect(cloudCalls(stack.emulator)).toEqual([]);
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 200`, `${GET} 200`]);
    const after = await theResource(stack);
    expect(after.outputs.key).not.toBe(before.outputs.key);
    expect(after.outputs).toMatchObject({ rotatedAt: new Date(t0 + DAY).toISOString(), previousKeyRevoked: false, etag: cluster(stack.emulator).etag });
    expect(stack.emulator.cloudKeyStatus(after.outputs.key as string)).toBe("active");
    expect(stack.emulator.cloudKeyStatus(before.outputs.key as string)).toBe("pending");
    expect(stack.emulator.cloudKeyStatus(originalKey)).toBe("pending");
  });

  it("5. turning revokePreviousKey on revokes the pending keys now, without rotating", async () => {
    const before = await theResource(stack);
    args = { ...args, revokePreviousKey: true };
    travel(stack, t0 + 2 * DAY);
    stack.emulator.resetStats();
    const preview = await run("preview");
    expect(preview.steps.find((s) => s.type === TYPE)?.op).toBe("update");
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${REVOKE} 200`, `${GET} 200`]);
    const after = await theResource(stack);
    expect(after.outputs).toMatchObject({ key: before.outputs.key, rotatedAt: before.outputs.rotatedAt, previousKeyRevoked: true });
    expect(cluster(stack.emulator).pendingKeys).toEqual([]);
    expect(stack.emulator.cloudKeyStatus(after.outputs.key as string)).toBe("active");
    expect(stack.emulator.cloudKeyStatus(originalKey)).toBe("revoked");
  });

  it("6. with revokePreviousKey on, a trigger change rotates and revokes the previous key at once", async () => {
    const before = await theResource(stack);
    args = { ...args, triggers: { release: "3" } };
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 200`, `${REVOKE} 200`, `${GET} 200`]);
    const after = await theResource(stack);
    expect(after.outputs).toMatchObject({ previousKeyRevoked: true, rotatedAt: new Date(t0 + 2 * DAY).toISOString() });
    expect(stack.emulator.cloudKeyStatus(after.outputs.key as string)).toBe("active");
    expect(stack.emulator.cloudKeyStatus(before.outputs.key as string)).toBe("revoked");
  });

  it("7. turning revokePreviousKey off is recorded but rotates nothing and calls nothing", async () => {
    const before = await theResource(stack);
    args = { ...args, revokePreviousKey: false };
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.find((s) => s.type === TYPE)?.op).toBe("update");
    expect(cloudCalls(stack.emulator)).toEqual([]);
    const after = await theResource(stack);
    // A revocation that happened cannot be undone: previousKeyRevoked still says so.
    expect(after.outputs).toMatchObject({ key: before.outputs.key, rotatedAt: before.outputs.rotatedAt, previousKeyRevoked: true, revokePreviousKey: false });
  });

  it("8. useEtag: false rotates without reading the ETag first", async () => {
    args = { ...args, useEtag: false };
    stack.emulator.resetStats();
    expect((await run("up")).ok).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([]); // changing useEtag alone rotates nothing
    args = { ...args, triggers: { release: "4" } };
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${ROTATE} 200`, `${GET} 200`]);
    expect((await theResource(stack)).outputs.key).toBe(cluster(stack.emulator).activeKey);
  });

  it("9. destroy makes no API call: the current key keeps working", async () => {
    const last = await theResource(stack);
    stack.emulator.resetStats();
    const destroy = await run("destroy");
    expect(destroy.ok, destroy.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([]);
    expect(stack.emulator.cloudKeyStatus(last.outputs.key as string)).toBe("active");
    expect((await stack.engine.readState()).resources.filter((r) => r.type === TYPE)).toHaveLength(0);
  });

  it("no key, credential or password appears in the state file, reports, errors or host logs", () => {
    ops.expectNoSecrets();
  });
});
