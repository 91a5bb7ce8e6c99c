import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import { cloudCalls, cluster, GET, Recorder, resources, ROTATE, rotateOutOfBand, rotatePath, theResource } from "./helpers";

let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("cluster-key", args);
};

/** Rotation with If-Match: a stale ETag (412) is recovered once; a second conflict fails without rotating. */
describe("CloudConnectedClusterApiKey ETag safety", () => {
  let stack: TestStack;
  let clusterId: string;
  const ops = new Recorder(() => stack);
  const up = () => ops.run("up");
  const force412 = (times: number) =>
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: rotatePath(clusterId), times, fault: { kind: "status", status: 412 } });

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

  it("a double 412 on create fails clearly, rotates nothing and creates no resource", async () => {
    args = { clusterId, triggers: { n: "0" } };
    force412(2);
    const failed = await up();
    expect(failed.ok).toBe(false);
    expect(failed.report).toMatch(/412 Precondition Failed to 2 rotations in a row/);
    expect(failed.report).toContain("nothing was rotated");
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 412`, `${GET} 200`, `${ROTATE} 412`]);
    expect(cluster(stack.emulator).rotations).toBe(0);
    expect(await resources(stack)).toHaveLength(0);
  });

  it("a single 412 on create is recovered: the ETag is read again and the rotation retried once", async () => {
    stack.emulator.resetStats();
    force412(1);
    const ok = await up();
    expect(ok.ok, ok.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 412`, `${GET} 200`, `${ROTATE} 200`, `${GET} 200`]);
    expect(cluster(stack.emulator).rotations).toBe(1);
    expect((await theResource(stack)).outputs.key).toBe(cluster(stack.emulator).activeKey);
  });

  it("a single 412 on update (trigger change) is recovered too", async () => {
    args = { clusterId, triggers: { n: "1" } };
    stack.emulator.resetStats();
    force412(1);
    const ok = await up();
    expect(ok.ok, ok.report).toBe(true);
    expect(cloudCalls(stack.emulator).filter((c) => c.startsWith(ROTATE))).toEqual([`${ROTATE} 412`, `${ROTATE} 200`]);
    expect(cluster(stack.emulator).rotations).toBe(2);
    expect((await theResource(stack)).outputs.key).toBe(cluster(stack.emulator).activeKey);
  });

  it("a double 412 on update fails clearly and leaves the key in state untouched", async () => {
    const before = await theResource(stack);
    args = { clusterId, triggers: { n: "2" } };
    stack.emulator.resetStats();
    force412(2);
    const failed = await up();
    expect(failed.ok).toBe(false);
    expect(failed.report).toMatch(/412 Precondition Failed/);
    expect(failed.report).toContain("nothing was rotated by this run");
    expect(cloudCalls(stack.emulator).filter((c) => c.startsWith(ROTATE))).toEqual([`${ROTATE} 412`, `${ROTATE} 412`]);
    const after = await theResource(stack);
    expect(after.outputs).toMatchObject({ key: before.outputs.key, rotatedAt: before.outputs.rotatedAt, triggers: { n: "1" } });
    expect(stack.emulator.cloudKeyStatus(after.outputs.key as string)).toBe("active");
    // Once the other writer is done, the same configuration goes through.
    const retried = await up();
    expect(retried.ok, retried.report).toBe(true);
    expect((await theResource(stack)).outputs).toMatchObject({ key: cluster(stack.emulator).activeKey, triggers: { n: "2" } });
  });

  it("a real conflict: a rotation made out of band between our GET and our rotate is detected, not overrun", async () => {
    args = { clusterId, triggers: { n: "3" } };
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
    const ok = await running;
    expect(ok.ok, ok.report).toBe(true);
    const rotates = stack.emulator.requests().filter((r) => r.route === ROTATE).map((r) => r.status);
    // Ours (held, then refused with 412), the out-of-band one, our retry.
    expect(rotates.sort()).toEqual([200, 200, 412]);
    const remote = cluster(stack.emulator);
    expect(remote.rotations).toBe(rotationsBefore + 2);
    const r = await theResource(stack);
    expect(r.outputs.key).toBe(remote.activeKey);
    expect(r.outputs.etag).toBe(remote.etag);
  });

  it("no secret appears in state, reports, errors or host logs", () => {
    ops.expectNoSecrets();
  });
});
