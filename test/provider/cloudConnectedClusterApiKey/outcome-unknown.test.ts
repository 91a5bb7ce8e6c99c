import { beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import type { Fault } from "../../emulator";
import { useTestStack } from "../../support/stack";
import { cluster, Recorder, resources, ROTATE, rotatePath, theResource } from "./helpers";

let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("cluster-key", args);
};

/**
 * Rotation is not idempotent: when its response is lost the rotation may have happened. The provider says so and
 * never retries on its own (a blind retry would push the key it cannot see into "pending" and issue yet another).
 */
describe("CloudConnectedClusterApiKey when the rotation's outcome is unknown", () => {
  const stack = useTestStack(program);
  let clusterId: string;
  const ops = new Recorder(() => stack);
  const up = () => ops.run("up");
  const loseResponse = (fault: Fault) =>
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: rotatePath(clusterId), times: 1, fault });
  const rotateRequests = () => stack.emulator.requests().filter((r) => r.route === ROTATE);

  beforeAll(() => {
    clusterId = stack.emulator.defaultClusterId;
  });

  it("create, connection reset after the rotation: reported as unknown, sent once, the state says it may have happened", async () => {
    args = { clusterId, triggers: { v: "1" } };
    loseResponse({ kind: "reset-after" });
    const failed = await up();
    expect(failed.ok).toBe(false);
    expect(failed.report).toMatch(/outcome unknown/i);
    expect(failed.report).toContain("NOT retried");
    expect(failed.report).toContain("stops working within 7 days");
    expect(rotateRequests()).toHaveLength(1);
    expect(cluster(stack.emulator).rotations).toBe(1); // it did happen: the emulator processed it
    // No key is known, so none is stored; the state records the rotation that may have happened (issue #14, case 4).
    const [kept] = await resources(stack);
    expect(kept?.outputs.key).toBeUndefined();
    expect(kept?.outputs.rotationOutcomeUnknown).toMatch(/its answer was lost: it may have happened/);
  });

  it("the next up (the user's decision) rotates again and holds the active key", async () => {
    stack.emulator.resetStats();
    const ok = await up();
    expect(ok.ok, ok.report).toBe(true);
    expect(rotateRequests()).toHaveLength(1);
    expect((await theResource(stack)).outputs.key).toBe(cluster(stack.emulator).activeKey);
  });

  it("update, unreadable 200 body: reported as unknown, sent once, the key in state is kept", async () => {
    const before = await theResource(stack);
    args = { clusterId, triggers: { v: "2" } };
    stack.emulator.resetStats();
    loseResponse({ kind: "malformed" });
    const failed = await up();
    expect(failed.ok).toBe(false);
    expect(failed.report).toMatch(/outcome unknown/i);
    expect(rotateRequests()).toHaveLength(1);
    const after = await theResource(stack);
    expect(after.outputs).toMatchObject({ key: before.outputs.key, rotatedAt: before.outputs.rotatedAt, triggers: { v: "1" } });
    // The lost rotation made the key in state pending: that is exactly why the message says what to do.
    expect(stack.emulator.cloudKeyStatus(before.outputs.key as string)).toBe("pending");
    const retried = await up();
    expect(retried.ok, retried.report).toBe(true);
    expect((await theResource(stack)).outputs).toMatchObject({ key: cluster(stack.emulator).activeKey, triggers: { v: "2" } });
  });

  it("the lost keys (issued but never delivered) appear nowhere either", () => {
    ops.expectNoSecrets();
  });
});
