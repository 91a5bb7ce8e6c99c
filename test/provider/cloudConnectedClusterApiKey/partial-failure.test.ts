import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import { cloudCalls, cluster, clusterPath, GET, Recorder, REVOKE, revokePath, ROTATE, theResource, TYPE } from "./helpers";

let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("cluster-key", args);
};

/**
 * A rotation succeeded but a later step failed: the new key must not be lost. The state keeps it (with
 * `__provider`, so later operations still work), the operation fails, and the next `up` finishes the job without
 * rotating again.
 */
describe("CloudConnectedClusterApiKey when a step after the rotation fails", () => {
  let stack: TestStack;
  let clusterId: string;
  const ops = new Recorder(() => stack);
  const up = () => ops.run("up");
  const failRevoke = () =>
    // 500 is not retried by the sdk (only 429/502/503/504 are), so one rule fails the revocation once.
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: revokePath(clusterId), times: 1, fault: { kind: "status", status: 500 } });

  beforeEach(async () => {
    stack = await startTestStack(program);
    clusterId = stack.emulator.defaultClusterId;
  });
  afterEach(async () => {
    ops.expectNoSecrets();
    ops.clear();
    await stack?.close();
  });

  it("create: the revocation fails → the new key is kept in state; the next up only revokes", async () => {
    const originalKey = cluster(stack.emulator).activeKey!;
    args = { clusterId, revokePreviousKey: true };
    failRevoke();
    const failed = await up();
    expect(failed.ok).toBe(false);
    expect(failed.report).toContain("the key was rotated, but revoking the previous (pending) key failed");
    expect(failed.report).toContain("run `pulumi up` again to finish");
    const kept = await theResource(stack);
    expect(kept.id).toBe(clusterId);
    expect(kept.outputs).toMatchObject({ key: cluster(stack.emulator).activeKey, previousKeyRevoked: false });
    expect(kept.initErrors?.length).toBeGreaterThan(0);
    expect(kept.secretOutputKeys).toContain("key");
    expect(String(kept.outputs.__provider)).toContain("pulumi-elastic-keys/runtime/cloudConnectedClusterApiKey");
    expect(stack.emulator.cloudKeyStatus(originalKey)).toBe("pending");

    stack.emulator.resetStats();
    const finished = await up();
    expect(finished.ok, finished.report).toBe(true);
    expect(finished.steps.find((s) => s.type === TYPE)?.op).toBe("update");
    expect(cloudCalls(stack.emulator)).toEqual([`${REVOKE} 200`, `${GET} 200`]);
    const after = await theResource(stack);
    expect(after.outputs).toMatchObject({ key: kept.outputs.key, rotatedAt: kept.outputs.rotatedAt, previousKeyRevoked: true });
    expect(after.initErrors).toBeUndefined();
    expect(stack.emulator.cloudKeyStatus(originalKey)).toBe("revoked");
    expect(cluster(stack.emulator).rotations).toBe(1);
    expect((await ops.run("preview")).steps.find((s) => s.type === TYPE)?.op).toBe("same");
  });

  it("update: a trigger change rotates, the revocation fails → the new key and triggers are kept; no second rotation", async () => {
    args = { clusterId, revokePreviousKey: true, triggers: { v: "1" } };
    expect((await up()).ok).toBe(true);
    const first = await theResource(stack);
    args = { ...args, triggers: { v: "2" } };
    failRevoke();
    const failed = await up();
    expect(failed.ok).toBe(false);
    const kept = await theResource(stack);
    expect(kept.outputs.key).not.toBe(first.outputs.key);
    expect(kept.outputs).toMatchObject({ key: cluster(stack.emulator).activeKey, previousKeyRevoked: false, triggers: { v: "2" } });
    expect(stack.emulator.cloudKeyStatus(first.outputs.key as string)).toBe("pending");

    stack.emulator.resetStats();
    const finished = await up();
    expect(finished.ok, finished.report).toBe(true);
    expect(cloudCalls(stack.emulator).filter((c) => c.startsWith(ROTATE))).toEqual([]);
    expect(stack.emulator.cloudKeyStatus(first.outputs.key as string)).toBe("revoked");
    expect((await theResource(stack)).outputs).toMatchObject({ key: kept.outputs.key, previousKeyRevoked: true });
  });

  it("create: reading the new ETag fails → the key is kept without an ETag; the next up reads it", async () => {
    args = { clusterId, useEtag: false }; // no GET before the rotation, so the only GET is the one after it
    stack.emulator.faults.inject({ target: "cloud", method: "GET", path: clusterPath(clusterId), times: 1, fault: { kind: "status", status: 500 } });
    const failed = await up();
    expect(failed.ok).toBe(false);
    expect(failed.report).toContain("reading the cluster's new ETag failed");
    const kept = await theResource(stack);
    expect(kept.outputs.key).toBe(cluster(stack.emulator).activeKey);
    expect(kept.outputs.etag).toBeUndefined();

    stack.emulator.resetStats();
    const finished = await up();
    expect(finished.ok, finished.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`]);
    expect((await theResource(stack)).outputs).toMatchObject({ key: kept.outputs.key, etag: cluster(stack.emulator).etag });
  });

  it("a revocation alone (no rotation) that fails is a plain failure: nothing new to keep, retried next time", async () => {
    args = { clusterId };
    expect((await up()).ok).toBe(true);
    const before = await theResource(stack);
    args = { clusterId, revokePreviousKey: true };
    failRevoke();
    const failed = await up();
    expect(failed.ok).toBe(false);
    const after = await theResource(stack);
    expect(after.outputs).toMatchObject({ key: before.outputs.key, previousKeyRevoked: false });
    expect(after.initErrors).toBeUndefined();
    const retried = await up();
    expect(retried.ok, retried.report).toBe(true);
    expect((await theResource(stack)).outputs.previousKeyRevoked).toBe(true);
    expect(cluster(stack.emulator).rotations).toBe(1);
  });
});
