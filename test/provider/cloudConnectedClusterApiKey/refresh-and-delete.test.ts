import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import type { OperationResult } from "../../engine";
import { startTestStack, type TestStack } from "../../support/stack";
import { cloudCalls, cluster, clusterPath, GET, Recorder, resources, REVOKE, revokePath, rotateOutOfBand, theResource, TYPE } from "./helpers";

let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("cluster-key", args);
};

describe("CloudConnectedClusterApiKey refresh and delete", () => {
  let stack: TestStack;
  let clusterId: string;
  const ops = new Recorder(() => stack);
  const run = (op: "up" | "refresh" | "destroy") => ops.run(op);
  const stepOf = (result: OperationResult) => result.steps.find((s) => s.type === TYPE);

  beforeAll(async () => {
    stack = await startTestStack(program);
    clusterId = stack.emulator.addCloudCluster("second");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("refresh of an unchanged cluster reads it and reports no drift; the key is kept from state", async () => {
    args = { clusterId };
    expect((await run("up")).ok).toBe(true);
    const before = await theResource(stack);
    stack.emulator.resetStats();
    const refresh = await run("refresh");
    expect(refresh.ok, refresh.report).toBe(true);
    expect(stepOf(refresh)?.op).toBe("read");
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`]);
    const after = await theResource(stack);
    expect(after.outputs).toEqual(before.outputs);
    expect(after.secretOutputKeys).toContain("key");
  });

  it("an out-of-band rotation is drift on refresh (changedOutsidePulumi); the next up shows it, warns and does not rotate", async () => {
    const before = await theResource(stack);
    expect(await rotateOutOfBand(stack.emulator, clusterId)).toBe(200);
    const refresh = await run("refresh");
    expect(refresh.ok, refresh.report).toBe(true);
    expect(stepOf(refresh)?.op).toBe("refresh-drift");
    const refreshed = await theResource(stack);
    expect(refreshed.outputs.etag).toBe(cluster(stack.emulator, clusterId).etag);
    expect(refreshed.outputs.changedOutsidePulumi).toMatch(/the cluster's ETag changed outside Pulumi/);
    expect(stack.emulator.cloudKeyStatus(before.outputs.key as string)).toBe("pending");

    const preview = await stack.engine.preview();
    expect(stepOf(preview)?.op).toBe("update");
    expect(stepOf(preview)?.diffs.map((d) => d.property)).toContain("changedOutsidePulumi");
    const rotations = cluster(stack.emulator, clusterId).rotations;
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cluster(stack.emulator, clusterId).rotations).toBe(rotations);
    expect((await theResource(stack)).outputs.changedOutsidePulumi).toBeUndefined();
    expect(stack.engine.hostLogs().join("\n")).toMatch(/warning: .*ETag changed outside Pulumi.*change `triggers` to rotate/);
  });

  it("changing a trigger recovers: the next up rotates to a key Pulumi holds", async () => {
    args = { clusterId, triggers: { after: "out-of-band rotation" } };
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect((await theResource(stack)).outputs.key).toBe(cluster(stack.emulator, clusterId).activeKey);
  });

  it("refresh of a cluster that is gone (404, confirmed by a second read) drops the resource; a stray 404 does not", async () => {
    const gone = (times: number) =>
      stack.emulator.faults.inject({ target: "cloud", method: "GET", path: clusterPath(clusterId), times, fault: { kind: "status", status: 404 } });
    gone(1);
    const stray = await run("refresh");
    expect(stray.ok, stray.report).toBe(true);
    expect(stepOf(stray)?.op).not.toBe("refresh-gone");
    expect(await resources(stack)).toHaveLength(1);
    gone(2);
    const refresh = await run("refresh");
    expect(refresh.ok, refresh.report).toBe(true);
    expect(stepOf(refresh)?.op).toBe("refresh-gone");
    expect(await resources(stack)).toHaveLength(0);
  });

  it("revokeOnDelete: destroy revokes the pending keys; the current key keeps working", async () => {
    args = { clusterId, revokeOnDelete: true };
    expect((await run("up")).ok).toBe(true);
    const current = (await theResource(stack)).outputs.key as string;
    expect(cluster(stack.emulator, clusterId).pendingKeys.length).toBeGreaterThan(0);
    stack.emulator.resetStats();
    const destroy = await run("destroy");
    expect(destroy.ok, destroy.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${REVOKE} 200`]);
    expect(cluster(stack.emulator, clusterId).pendingKeys).toEqual([]);
    expect(stack.emulator.cloudKeyStatus(current)).toBe("active");
    expect(await resources(stack)).toHaveLength(0);
  });

  it("turning revokeOnDelete on is recorded without rotating, and a cluster gone by delete time counts as done", async () => {
    args = { clusterId };
    expect((await run("up")).ok).toBe(true);
    const rotations = cluster(stack.emulator, clusterId).rotations;
    args = { clusterId, revokeOnDelete: true };
    const up = await run("up");
    expect(stepOf(up)?.op).toBe("update");
    expect(cluster(stack.emulator, clusterId).rotations).toBe(rotations);
    // Gone means both the revocation and the read that confirms it answer 404.
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: revokePath(clusterId), times: 1, fault: { kind: "status", status: 404 } });
    stack.emulator.faults.inject({ target: "cloud", method: "GET", path: clusterPath(clusterId), times: 1, fault: { kind: "status", status: 404 } });
    const destroy = await run("destroy");
    expect(destroy.ok, destroy.report).toBe(true);
    expect(await resources(stack)).toHaveLength(0);
  });

  it("a failing revocation on delete fails the destroy and keeps the resource", async () => {
    args = { clusterId, revokeOnDelete: true };
    expect((await run("up")).ok).toBe(true);
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: revokePath(clusterId), times: 1, fault: { kind: "status", status: 403 } });
    const destroy = await run("destroy");
    expect(destroy.ok).toBe(false);
    expect(destroy.report).toContain("revoke pending keys failed");
    expect(destroy.report).toContain("lacks the permission");
    expect(await resources(stack)).toHaveLength(1);
    expect((await run("destroy")).ok).toBe(true);
  });

  it("no secret appears in state, reports, errors or host logs", () => {
    ops.expectNoSecrets();
  });
});
