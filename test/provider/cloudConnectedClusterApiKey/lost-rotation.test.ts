import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import { cluster, Recorder, resources, ROTATE, rotatePath, theResource } from "./helpers";

let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("cluster-key", args);
};

/**
 * Issue #14, case 4 (Cloud): a rotation whose answer was lost may have happened. The state must say so, and the
 * next `up` must say so too before rotating to a key Pulumi holds — never a silent repeat as if nothing had been tried.
 */
describe("a lost rotation is recorded in state and reported by the next up", () => {
  let stack: TestStack;
  let clusterId: string;
  const ops = new Recorder(() => stack);
  const loseNextRotation = () =>
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: rotatePath(clusterId), times: 1, fault: { kind: "reset-after" } });
  const rotations = () => stack.emulator.requests().filter((r) => r.route === ROTATE).length;
  const NOTE = /a rotation was sent at .* but its answer was lost: it may have happened/;

  beforeAll(async () => {
    stack = await startTestStack(program);
    clusterId = stack.emulator.addCloudCluster("lost-rotations");
  });
  afterEach(() => {
    stack.emulator.faults.clear();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("create: the answer is lost; the state keeps the resource, without a key, with the note", async () => {
    args = { clusterId, revokePreviousKey: true };
    loseNextRotation();
    const up = await ops.run("up");
    expect(up.ok).toBe(false);
    expect(up.report).toContain("The state records that this rotation may have happened (rotationOutcomeUnknown)");
    expect(cluster(stack.emulator, clusterId).rotations).toBe(1);
    const [kept] = await resources(stack);
    expect(kept).toBeDefined();
    expect(kept!.outputs.key).toBeUndefined();
    expect(String(kept!.outputs.rotationOutcomeUnknown)).toMatch(NOTE);
  });

  it("the next up says so, rotates once, and holds the cluster's active key; nothing is left pending", async () => {
    stack.emulator.resetStats();
    const up = await ops.run("up");
    expect(up.ok, up.report).toBe(true);
    expect(rotations()).toBe(1);
    expect(stack.engine.hostLogs().join("\n")).toMatch(/its answer was lost: it may have happened.*Rotating again now/);
    const state = await theResource(stack);
    expect(state.outputs.rotationOutcomeUnknown).toBeUndefined();
    expect(state.outputs.key).toBe(cluster(stack.emulator, clusterId).activeKey);
    expect(cluster(stack.emulator, clusterId).pendingKeys).toEqual([]);
  });

  it("update: the answer is lost; the old key stays in state with the note (it may now be only pending)", async () => {
    const before = await theResource(stack);
    args = { clusterId, revokePreviousKey: true, triggers: { v: "2" } };
    loseNextRotation();
    const up = await ops.run("up");
    expect(up.ok).toBe(false);
    const after = await theResource(stack);
    expect(after.outputs.key).toBe(before.outputs.key);
    expect(String(after.outputs.rotationOutcomeUnknown)).toMatch(NOTE);
    expect(stack.emulator.cloudKeyStatus(before.outputs.key as string)).toBe("pending");
  });

  it("a refresh keeps the note; the next up says so and converges: state key = active key, nothing pending", async () => {
    expect((await ops.run("refresh")).ok).toBe(true);
    expect(String((await theResource(stack)).outputs.rotationOutcomeUnknown)).toMatch(NOTE);
    stack.emulator.resetStats();
    const logsBefore = stack.engine.hostLogs().length;
    const up = await ops.run("up");
    expect(up.ok, up.report).toBe(true);
    expect(rotations()).toBe(1);
    expect(stack.engine.hostLogs().slice(logsBefore).join("\n")).toMatch(/Rotating again now/);
    const state = await theResource(stack);
    expect(state.outputs.rotationOutcomeUnknown).toBeUndefined();
    expect(state.outputs.key).toBe(cluster(stack.emulator, clusterId).activeKey);
    expect(cluster(stack.emulator, clusterId).pendingKeys).toEqual([]);
    expect((await ops.run("up")).steps.find((s) => s.name === "cluster-key")?.op).toBe("same");
  });

  it("no lost key appears anywhere", () => {
    ops.expectNoSecrets();
  });
});
