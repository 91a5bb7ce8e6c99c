import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import { cloudCalls, cluster, GET, Recorder, resources, ROTATE, rotateOutOfBand, rotatePath, theResource } from "./helpers";

let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("cluster-key", args);
};

/**
 * Rotation with If-Match: a stale ETag (412) is a conflict with someone else's change. It is reported at once, with
 * nothing rotated and nothing retried — a retry would rotate away the key the other writer was just issued.
 */
describe("CloudConnectedClusterApiKey ETag safety", () => {
  let stack: TestStack;
  let clusterId: string;
  const ops = new Recorder(() => stack);
  const up = () => ops.run("up");
  const force412 = (times: number) =>
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: rotatePath(clusterId), times, fault: { kind: "status", status: 412 } });
  /** What every conflict report must say: which resource, what happened, that nothing was done, what to do. */
  const expectConflictReport = (report: string, operation: string) => {
    expect(report).toContain(`CloudConnectedClusterApiKey for cluster "${clusterId}": ${operation} failed: conflict`);
    expect(report).toContain("another rotation of this cluster's key happened concurrently");
    expect(report).toContain("412 Precondition Failed");
    expect(report).toContain("Nothing was rotated by this run and it was not retried");
    expect(report).toContain("run `pulumi up` again");
  };

  beforeAll(async () => {
    stack = await startTestStack(program);
    clusterId = stack.emulator.defaultClusterId;
  });
  afterEach(() => {
    stack.emulator.faults.clear();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("a 412 on create fails as a conflict at once: one rotate request, nothing rotated, no resource", async () => {
    args = { clusterId, triggers: { n: "0" } };
    force412(1);
    const failed = await up();
    expect(failed.ok).toBe(false);
    expectConflictReport(failed.report, "rotate");
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 412`]);
    expect(cluster(stack.emulator).rotations).toBe(0);
    expect(await resources(stack)).toHaveLength(0);
  });

  it("running up again (the user's decision) rotates with the fresh ETag", async () => {
    stack.emulator.resetStats();
    const ok = await up();
    expect(ok.ok, ok.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 200`, `${GET} 200`]);
    expect(cluster(stack.emulator).rotations).toBe(1);
    expect((await theResource(stack)).outputs.key).toBe(cluster(stack.emulator).activeKey);
  });

  it("a 412 on update (trigger change) fails as a conflict and leaves the state untouched", async () => {
    const before = await theResource(stack);
    args = { clusterId, triggers: { n: "1" } };
    stack.emulator.resetStats();
    force412(1);
    const failed = await up();
    expect(failed.ok).toBe(false);
    expectConflictReport(failed.report, "rotate");
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 412`]);
    expect(cluster(stack.emulator).rotations).toBe(1);
    const after = await theResource(stack);
    expect(after.outputs).toEqual(before.outputs);
    expect(stack.emulator.cloudKeyStatus(after.outputs.key as string)).toBe("active");
    // Nothing else is rotating this cluster any more: the same configuration goes through.
    const retried = await up();
    expect(retried.ok, retried.report).toBe(true);
    expect((await theResource(stack)).outputs).toMatchObject({ key: cluster(stack.emulator).activeKey, triggers: { n: "1" } });
    expect(cluster(stack.emulator).rotations).toBe(2);
  });

  it("a real conflict: a rotation made out of band between our GET and our rotate is reported, not overrun", async () => {
    const before = await theResource(stack);
    args = { clusterId, triggers: { n: "2" } };
    stack.emulator.resetStats();
    const rotationsBefore = cluster(stack.emulator).rotations;
    // Hold our rotate request long enough for someone else to rotate first; its If-Match is then stale.
    const held = stack.emulator.faults.inject({ target: "cloud", method: "POST", path: rotatePath(clusterId), times: 1, fault: { kind: "latency", ms: 1500 } });
    let finished = false;
    const running = up().finally(() => {
      finished = true;
    });
    while (held.hits === 0 && !finished) await sleep(20);
    expect(held.hits, "our rotate request reached the emulator and is being held").toBe(1);
    expect(await rotateOutOfBand(stack.emulator, clusterId)).toBe(200);
    const failed = await running;
    expect(failed.ok).toBe(false);
    expectConflictReport(failed.report, "rotate");
    const rotates = stack.emulator.requests().filter((r) => r.route === ROTATE).map((r) => r.status);
    // Ours (held, then refused with 412) and the out-of-band one; no second attempt of ours.
    expect(rotates.sort()).toEqual([200, 412]);
    const remote = cluster(stack.emulator);
    expect(remote.rotations).toBe(rotationsBefore + 1);
    const after = await theResource(stack);
    expect(after.outputs).toEqual(before.outputs);
    // The out-of-band rotation made our key pending; the state still says which key this stack holds, no other.
    expect(stack.emulator.cloudKeyStatus(after.outputs.key as string)).toBe("pending");
    expect(after.outputs.key).not.toBe(remote.activeKey);
  });

  it("no secret appears in state, reports, errors or host logs", () => {
    ops.expectNoSecrets();
  });
});
