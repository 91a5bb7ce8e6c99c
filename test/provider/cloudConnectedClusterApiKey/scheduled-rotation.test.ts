import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import type { OperationResult } from "../../engine";
import { startTestStack, type TestStack } from "../../support/stack";
import { cloudCalls, cluster, DAY, GET, Recorder, REVOKE, ROTATE, theResource, travel, TYPE } from "./helpers";

let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("scheduled", args);
};

/** rotateAfter, with the provider's clock injected through PULUMI_ELASTIC_KEYS_NOW (the host inherits the env). */
describe("CloudConnectedClusterApiKey rotateAfter", () => {
  let stack: TestStack;
  let clusterId: string;
  const ops = new Recorder(() => stack);
  const run = (op: "preview" | "up") => ops.run(op);
  const opOf = (result: OperationResult) => result.steps.find((s) => s.type === TYPE)?.op;
  const t0 = Date.parse("2026-01-01T00:00:00Z");

  beforeAll(async () => {
    stack = await startTestStack(program);
    clusterId = stack.emulator.defaultClusterId;
    travel(stack, t0);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("before rotateAfter has elapsed, preview and up change nothing", async () => {
    args = { clusterId, rotateAfter: "30d" };
    expect((await run("up")).ok).toBe(true);
    expect((await theResource(stack)).outputs.rotatedAt).toBe(new Date(t0).toISOString());
    travel(stack, t0 + 29 * DAY);
    stack.emulator.resetStats();
    expect(opOf(await run("preview"))).toBe("same");
    expect(opOf(await run("up"))).toBe("same");
    expect(cloudCalls(stack.emulator)).toEqual([]);
  });

  it("once elapsed, preview shows the pending rotation (sending nothing) and up rotates", async () => {
    const before = await theResource(stack);
    travel(stack, t0 + 31 * DAY);
    stack.emulator.resetStats();
    const preview = await run("preview");
    expect(preview.ok, preview.report).toBe(true);
    expect(opOf(preview)).toBe("update");
    expect(cloudCalls(stack.emulator)).toEqual([]);
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 200`, `${GET} 200`]);
    const after = await theResource(stack);
    expect(after.outputs.key).not.toBe(before.outputs.key);
    expect(after.outputs.key).toBe(cluster(stack.emulator).activeKey);
    expect(after.outputs.rotatedAt).toBe(new Date(t0 + 31 * DAY).toISOString());
    expect(stack.emulator.cloudKeyStatus(before.outputs.key as string)).toBe("pending");
  });

  it("the schedule restarts at the rotation: quiet again until another 30 days have passed", async () => {
    travel(stack, t0 + 60 * DAY);
    expect(opOf(await run("preview"))).toBe("same");
    travel(stack, t0 + 61 * DAY);
    expect(opOf(await run("preview"))).toBe("update");
  });

  it("with revokePreviousKey, a scheduled rotation also revokes the previous key", async () => {
    const before = await theResource(stack);
    args = { ...args, revokePreviousKey: true };
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE} 200`, `${REVOKE} 200`, `${GET} 200`]);
    const after = await theResource(stack);
    expect(after.outputs).toMatchObject({ previousKeyRevoked: true, rotatedAt: new Date(t0 + 61 * DAY).toISOString() });
    expect(stack.emulator.cloudKeyStatus(before.outputs.key as string)).toBe("revoked");
  });

  it("shortening rotateAfter below the key's age rotates at the next up; lengthening it only records it", async () => {
    travel(stack, t0 + 63 * DAY);
    const rotations = cluster(stack.emulator).rotations;
    args = { ...args, rotateAfter: "90d" };
    stack.emulator.resetStats();
    expect(opOf(await run("up"))).toBe("update");
    expect(cloudCalls(stack.emulator)).toEqual([]);
    args = { ...args, rotateAfter: "1d" };
    const preview = await run("preview");
    expect(opOf(preview)).toBe("update");
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect((await theResource(stack)).outputs.rotatedAt).toBe(new Date(t0 + 63 * DAY).toISOString());
    expect(cluster(stack.emulator).rotations).toBe(rotations + 1);
  });

  it("no secret appears in state, reports, errors or host logs", () => {
    ops.expectNoSecrets();
  });
});
