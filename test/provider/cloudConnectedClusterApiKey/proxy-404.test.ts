import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey } from "../../../provider";
import { proxyNotFound } from "../../emulator/faults";
import { startTestStack, type TestStack } from "../../support/stack";
import { cluster, clusterPath, revokePath, theResource } from "./helpers";

/**
 * Issue #14, case 5: the key of a Cloud Connected cluster exists only in this resource's state. A proxy's 404 in
 * front of Elastic Cloud must not make refresh drop it (the next up would rotate again) nor make destroy skip the
 * revocation it was asked for.
 */
describe("a proxy's 404 is not Elastic Cloud's not-found (CloudConnectedClusterApiKey)", () => {
  let stack: TestStack;
  let clusterId: string;

  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CloudConnectedClusterApiKey("cluster-key", { clusterId, revokeOnDelete: true });
    });
    clusterId = stack.emulator.addCloudCluster("behind-a-proxy");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("refresh answered by a proxy's 404 fails naming what answered and keeps the key; the next up does not rotate", async () => {
    const before = await theResource(stack);
    stack.emulator.faults.inject({ target: "cloud", path: clusterPath(clusterId), times: Infinity, fault: proxyNotFound("html") });
    const refresh = await stack.engine.refresh();
    stack.emulator.faults.clear();
    expect(refresh.ok).toBe(false);
    expect(refresh.errors.map((e) => e.message).join("\n")).toMatch(/404.*content-type text\/html.*404 Not Found/s);
    expect((await theResource(stack)).outputs).toEqual(before.outputs);
    const rotations = cluster(stack.emulator, clusterId).rotations;
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(cluster(stack.emulator, clusterId).rotations).toBe(rotations);
    expect(cluster(stack.emulator, clusterId).activeKey).toBe(before.outputs.key);
  });

  it("destroy answered by a proxy's 404 fails (the revocation did not happen) and keeps the resource", async () => {
    stack.emulator.faults.inject({ target: "cloud", path: revokePath(clusterId), times: Infinity, fault: proxyNotFound("text") });
    stack.emulator.faults.inject({ target: "cloud", path: clusterPath(clusterId), times: Infinity, fault: proxyNotFound("text") });
    const destroy = await stack.engine.destroy();
    stack.emulator.faults.clear();
    expect(destroy.ok).toBe(false);
    expect(destroy.errors.map((e) => e.message).join("\n")).toContain("default backend - 404");
    await theResource(stack);
    const pendingBefore = cluster(stack.emulator, clusterId).pendingKeys.length;
    expect(pendingBefore).toBeGreaterThan(0);
    const retry = await stack.engine.destroy();
    expect(retry.ok, retry.report).toBe(true);
    expect(cluster(stack.emulator, clusterId).pendingKeys).toEqual([]);
  });
});
