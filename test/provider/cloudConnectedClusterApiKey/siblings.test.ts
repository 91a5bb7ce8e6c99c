import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import type { OperationResult } from "../../engine";
import { startTestStack, type TestStack } from "../../support/stack";
import { cloudCalls, cluster, GET, named, Recorder, ROTATE, ROTATE_SERVICE, rotateOutOfBand, rotatePath, serviceKeys } from "./helpers";

type KeyArgs = Omit<CloudConnectedClusterApiKeyArgs, "clusterId" | "service">;
let clusterKeyArgs: KeyArgs = {};
let eisKeyArgs: KeyArgs = {};
/** A plain-string clusterId groups the two keys (siblings.ts); an Output does not, leaving only the lock. */
let clusterIdAsOutput = false;
let clusterId = "";
const program = () => {
  const id = clusterIdAsOutput ? pulumi.output(clusterId) : clusterId;
  new CloudConnectedClusterApiKey("cluster-key", { ...clusterKeyArgs, clusterId: id });
  new CloudConnectedClusterApiKey("eis-key", { ...eisKeyArgs, clusterId: id, service: "eis" });
};

/**
 * The demanding case: the cluster's key AND its eis key managed side by side in one stack. Every rotation changes
 * the cluster's single ETag; neither key may take the other's rotation for a change made outside Pulumi, fail with
 * a 412 because of it, or lose a key when both rotate in one `up`.
 */
describe("the cluster key and the eis key of one cluster in one stack", () => {
  let stack: TestStack;
  const ops = new Recorder(() => stack);
  const run = (op: "preview" | "up" | "refresh") => ops.run(op);
  const opsOf = (result: OperationResult) => Object.fromEntries(result.steps.filter((s) => s.name.endsWith("-key")).map((s) => [s.name, s.op]));

  /** Both keys in state are the emulator's active ones: nothing lost, nothing crossed. */
  const expectBothKeysHeld = async () => {
    expect((await named(stack, "cluster-key")).outputs.key).toBe(cluster(stack.emulator).activeKey);
    expect((await named(stack, "eis-key")).outputs.key).toBe(serviceKeys(stack.emulator, "eis").activeKey);
  };
  const expectRefreshWithoutDrift = async () => {
    const refresh = await run("refresh");
    expect(refresh.ok, refresh.report).toBe(true);
    expect(opsOf(refresh)).toEqual({ "cluster-key": "read", "eis-key": "read" });
    for (const name of ["cluster-key", "eis-key"]) expect((await named(stack, name)).outputs.changedOutsidePulumi).toBeUndefined();
  };

  beforeAll(async () => {
    stack = await startTestStack(program);
    clusterId = stack.emulator.defaultClusterId;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("both created in one up: no 412, both keys held; the first declared watches the ETag, with its sibling's", async () => {
    clusterKeyArgs = { triggers: { release: "1" } };
    eisKeyArgs = { triggers: { release: "1" } };
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(opsOf(up)).toEqual({ "cluster-key": "create", "eis-key": "create" });
    expect(cloudCalls(stack.emulator).filter((c) => c.includes("_rotate"))).toEqual([`${ROTATE_SERVICE} 200`, `${ROTATE} 200`]);
    await expectBothKeysHeld();
    const watcher = await named(stack, "cluster-key");
    const sibling = await named(stack, "eis-key");
    expect(sibling.outputs.etagWatchedBy).toBe("cluster-key");
    expect(watcher.outputs.siblingEtags).toEqual([sibling.outputs.etag]);
    expect(watcher.outputs.etag).toBe(cluster(stack.emulator).etag);
    await expectRefreshWithoutDrift();
  });

  it("rotating only the eis key: the cluster key resource stores its sibling's ETag (no request, no rotation); refresh shows no drift", async () => {
    eisKeyArgs = { triggers: { release: "2" } };
    const preview = await stack.engine.preview();
    expect(opsOf(preview)).toEqual({ "cluster-key": "update", "eis-key": "update" });
    expect(preview.steps.find((s) => s.name === "cluster-key")?.diffs.map((d) => d.property)).toEqual(["siblingEtags"]);
    const clusterRotations = cluster(stack.emulator).rotations;
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE_SERVICE} 200`, `${GET} 200`]);
    expect(cluster(stack.emulator).rotations).toBe(clusterRotations);
    expect((await named(stack, "cluster-key")).outputs.siblingEtags).toEqual([cluster(stack.emulator).etag]);
    await expectBothKeysHeld();
    await expectRefreshWithoutDrift();
  });

  it("rotating only the cluster key: refresh shows no drift, and the eis key's next rotation gets no 412", async () => {
    clusterKeyArgs = { triggers: { release: "2" } };
    expect((await run("up")).ok).toBe(true);
    await expectRefreshWithoutDrift();
    eisKeyArgs = { triggers: { release: "3" } };
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator).filter((c) => c.includes("_rotate"))).toEqual([`${ROTATE_SERVICE} 200`]);
    await expectBothKeysHeld();
    await expectRefreshWithoutDrift();
  });

  it("rotating both in one up: both succeed, neither key is lost, each previous key is pending", async () => {
    const previous = { cluster: (await named(stack, "cluster-key")).outputs.key as string, eis: (await named(stack, "eis-key")).outputs.key as string };
    clusterKeyArgs = { triggers: { release: "3" } };
    eisKeyArgs = { triggers: { release: "4" } };
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(opsOf(up)).toEqual({ "cluster-key": "update", "eis-key": "update" });
    await expectBothKeysHeld();
    expect(stack.emulator.cloudKeyStatus(previous.cluster)).toBe("pending");
    expect(stack.emulator.cloudKeyStatus(previous.eis)).toBe("pending");
    await expectRefreshWithoutDrift();
  });

  it("a change made outside Pulumi still shows: an out-of-band eis rotation is drift on the key that watches the ETag", async () => {
    expect(await rotateOutOfBand(stack.emulator, clusterId, "eis")).toBe(200);
    const refresh = await run("refresh");
    expect(refresh.ok, refresh.report).toBe(true);
    expect(opsOf(refresh)).toEqual({ "cluster-key": "refresh-drift", "eis-key": "read" });
    expect((await named(stack, "cluster-key")).outputs.changedOutsidePulumi).toMatch(
      /ETag changed outside Pulumi .* \(nor is it one a sibling key of this stack left\)/,
    );
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect((await named(stack, "cluster-key")).outputs.changedOutsidePulumi).toBeUndefined();
    ops.expectNoSecrets();
  });

  it("keys not grouped (clusterId an Output) rotating in parallel in one up: the per-cluster lock leaves no 412 and no lost key", async () => {
    clusterIdAsOutput = true;
    expect((await run("up")).ok).toBe(true); // the grouping inputs go (a stored-only update)
    expect((await named(stack, "eis-key")).outputs.etagWatchedBy).toBeUndefined();
    clusterKeyArgs = { triggers: { release: "4" } };
    eisKeyArgs = { triggers: { release: "5" } };
    // The cluster key's rotation is held up on its way in, so that both resources' steps (run in parallel) overlap:
    // unqueued, the eis key would rotate in between and the cluster key's If-Match would be stale.
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: rotatePath(clusterId), times: 1, fault: { kind: "latency", ms: 1500 } });
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator).filter((c) => c.includes("_rotate")).sort()).toEqual([`${ROTATE} 200`, `${ROTATE_SERVICE} 200`].sort());
    await expectBothKeysHeld();
    stack.emulator.faults.clear();
    clusterIdAsOutput = false;
  });
});
