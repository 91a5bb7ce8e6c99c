import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import type { OperationResult } from "../../engine";
import { startTestStack, type TestStack } from "../../support/stack";
import { cluster, DAY, theResource, travel, TYPE } from "./helpers";

let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("scheduled", args);
};

/**
 * Issue #14, case 15: a due `rotateAfter` rotates (and, with revokePreviousKey, revokes). A reviewer of the preview
 * must see that a rotation is coming and why: the property that triggers it, with the time elapsed.
 */
describe("a due rotateAfter previews with the property that triggers it and why", () => {
  let stack: TestStack;
  let clusterId: string;
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const stepOf = (result: OperationResult) => result.steps.find((s) => s.type === TYPE)!;
  const expectStateMatchesCluster = async () => {
    const state = await theResource(stack);
    expect(cluster(stack.emulator, clusterId).activeKey, "the cluster's key is the one in state").toBe(state.outputs.key);
  };

  beforeAll(async () => {
    stack = await startTestStack(program);
    clusterId = stack.emulator.addCloudCluster("scheduled");
    travel(stack, t0);
    args = { clusterId, rotateAfter: "30d", revokePreviousKey: true };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("not yet due: preview shows nothing", async () => {
    travel(stack, t0 + 29 * DAY);
    const preview = await stack.engine.preview();
    expect(stepOf(preview).op).toBe("same");
  });

  it("due: preview shows an update naming rotationDue, with rotateAfter and the time elapsed", async () => {
    travel(stack, t0 + 31 * DAY + 2 * 3_600_000);
    const preview = await stack.engine.preview();
    const step = stepOf(preview);
    expect(step.op).toBe("update");
    const due = step.diffs.find((d) => d.property === "rotationDue");
    expect(due, preview.report).toBeDefined();
    expect(String(due!.new)).toContain("rotateAfter (30d) has elapsed: 31d 2h since the last rotation");
    expect(preview.report).toContain("rotationDue");
  });

  it("up rotates exactly as previewed; afterwards nothing is due", async () => {
    const before = await theResource(stack);
    const rotations = cluster(stack.emulator, clusterId).rotations;
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(stepOf(up).diffs.map((d) => d.property)).toContain("rotationDue");
    expect(cluster(stack.emulator, clusterId).rotations).toBe(rotations + 1);
    expect((await theResource(stack)).outputs.key).not.toBe(before.outputs.key);
    await expectStateMatchesCluster();
    expect(stepOf(await stack.engine.preview()).op).toBe("same");
  });

  it("after a refresh the schedule counts from the recorded rotation, and a due rotation still previews with its reason", async () => {
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    travel(stack, t0 + 31 * DAY + 2 * 3_600_000 + 30 * DAY + 60_000);
    const preview = await stack.engine.preview();
    expect(stepOf(preview).diffs.find((d) => d.property === "rotationDue")?.new).toMatch(/rotateAfter \(30d\) has elapsed: 30d 1m since/);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    await expectStateMatchesCluster();
  });
});
