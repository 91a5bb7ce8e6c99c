import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../provider";
import { type Emulator, startEmulator } from "../emulator";
import type { OperationResult, ResourceView } from "../engine";
import { addFigures } from "../support/figures";
import { startTestStack, type TestStack } from "../support/stack";
import { cluster, GET, Recorder, ROTATE, rotatePath, TYPE } from "../provider/cloudConnectedClusterApiKey/helpers";

/**
 * Issue #8: two stacks (two engines, two state files, one Elastic Cloud) each manage a CloudConnectedClusterApiKey
 * for the same cluster, with the ETag check on, and rotate at the same moment. Exactly one rotation may be applied;
 * the other `up` must fail with a conflict that says so, rotate nothing and keep no key it does not hold.
 *
 * The overlap is made certain, not hoped for: both rotate requests are held by a latency fault, and the emulator
 * checks If-Match when it processes a request (after the latency), so as long as the second stack reads the ETag
 * before the first held rotation is processed, both send the same, soon stale, ETag. `expectOverlap` checks that
 * this precondition held, so a slow machine shows up as a precondition failure, not a confusing one.
 */
// Generous: two engines started together reach their ETag reads ~0.5 s apart on an idle machine, more under load.
const HOLD_MS = 4_000;

interface Side {
  name: "a" | "b";
  stack: TestStack;
  ops: Recorder;
  args: CloudConnectedClusterApiKeyArgs;
}

describe("two stacks rotating the same Cloud Connected cluster at once", () => {
  let emulator: Emulator;
  let clusterId: string;
  let sides: Side[] = [];

  const makeSide = async (name: "a" | "b"): Promise<Side> => {
    // The program reads the side's args when it runs (after `side` exists), so each stack's configuration can
    // change between runs.
    const stack = await startTestStack(() => {
      new CloudConnectedClusterApiKey("cluster-key", side.args);
    }, { emulator });
    const side: Side = { name, stack, ops: new Recorder(() => stack), args: { clusterId } };
    return side;
  };

  /** The stack's one CloudConnectedClusterApiKey, or undefined when its state has none. */
  const resourceOf = async (side: Side): Promise<ResourceView | undefined> => {
    const found = (await side.stack.engine.readState()).resources.filter((r) => r.type === TYPE);
    expect(found.length, `${side.name}: at most one resource in state`).toBeLessThanOrEqual(1);
    return found[0];
  };

  /** Both stacks run `up` at the same time, their rotate requests held so the two ETag reads overlap. */
  const race = async (): Promise<{ winner: Side; loser: Side; winnerUp: OperationResult; loserUp: OperationResult }> => {
    emulator.resetStats();
    const held = emulator.faults.inject({ target: "cloud", method: "POST", path: rotatePath(clusterId), times: 2, fault: { kind: "latency", ms: HOLD_MS } });
    const results = await Promise.all(sides.map((side) => side.ops.run("up")));
    held.remove();
    expect(held.hits, "both stacks sent a rotation").toBe(2);
    expectOverlap();
    const okCount = results.filter((r) => r.ok).length;
    expect(okCount, `exactly one up succeeds:\n${results.map((r) => r.report).join("\n")}`).toBe(1);
    const w = results.findIndex((r) => r.ok);
    return { winner: sides[w]!, loser: sides[1 - w]!, winnerUp: results[w]!, loserUp: results[1 - w]! };
  };

  /** Both ETag reads (the first two GETs) arrived before the first held rotation could be processed. */
  const expectOverlap = () => {
    const log = emulator.requests().filter((r) => r.target === "cloud");
    const reads = log.filter((r) => r.route === GET).slice(0, 2);
    const firstRotate = log.find((r) => r.route === ROTATE);
    expect(reads).toHaveLength(2);
    expect(firstRotate).toBeDefined();
    const processedAt = firstRotate!.at + HOLD_MS;
    for (const read of reads) {
      expect(read.at, "precondition: both ETag reads happen before the first rotation is processed").toBeLessThan(processedAt);
    }
  };

  /** The conflict as the user sees it: names the resource, what happened, that nothing was rotated, what to do. */
  const expectConflict = (result: OperationResult, operation: string) => {
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(1);
    const { message, urn } = result.errors[0]!;
    expect(urn).toContain("CloudConnectedClusterApiKey::cluster-key");
    expect(message).toContain(`CloudConnectedClusterApiKey for cluster "${clusterId}": ${operation} failed: conflict`);
    expect(message).toContain("another rotation of this cluster's key happened concurrently");
    expect(message).toMatch(/412 Precondition Failed.*ETag changed/);
    expect(message).toContain("Nothing was rotated by this run and it was not retried");
    expect(message).toContain("Two stacks must not manage the same cluster");
    expect(message).toContain("run `pulumi up` again");
    expect(result.report).toContain(message.split(": conflict")[0]);
  };

  const rotateStatuses = () =>
    emulator
      .requests()
      .filter((r) => r.route === ROTATE)
      .map((r) => r.status)
      .sort();

  beforeAll(async () => {
    emulator = await startEmulator();
    clusterId = emulator.defaultClusterId;
    sides = [await makeSide("a"), await makeSide("b")];
  });
  afterAll(async () => {
    for (const side of sides) await side.stack.close();
    await emulator?.close();
  });

  it("both create at once: one rotation applied, the other fails with a clear conflict and stores nothing", async () => {
    for (const side of sides) side.args = { clusterId, triggers: { owner: side.name } };
    const original = cluster(emulator).activeKey!;
    const rotationsBefore = cluster(emulator).rotations;

    const { winner, loser, loserUp } = await race();

    const remote = cluster(emulator);
    expect(remote.rotations, "exactly one rotation was applied").toBe(rotationsBefore + 1);
    expect(rotateStatuses()).toEqual([200, 412]);
    const won = await resourceOf(winner);
    expect(won?.outputs).toMatchObject({ clusterId, key: remote.activeKey, etag: remote.etag });
    expect(emulator.cloudKeyStatus(won!.outputs.key as string)).toBe("active");
    expect(emulator.cloudKeyStatus(original)).toBe("pending");

    expectConflict(loserUp, "rotate");
    expect(await resourceOf(loser), "the loser's state holds no resource (and so no key)").toBeUndefined();
  });

  it("the loser, run again (the documented fix, once it is meant to own the cluster), takes the key over", async () => {
    const [a, b] = sides as [Side, Side];
    const holders = await Promise.all([resourceOf(a), resourceOf(b)]);
    const winner = holders[0] ? a : b;
    const loser = holders[0] ? b : a;
    const winnerKey = (await resourceOf(winner))!.outputs.key as string;
    const rotationsBefore = cluster(emulator).rotations;

    emulator.resetStats();
    const again = await loser.ops.run("up");
    expect(again.ok, again.report).toBe(true);
    const remote = cluster(emulator);
    expect(remote.rotations).toBe(rotationsBefore + 1);
    expect(rotateStatuses()).toEqual([200]);
    expect((await resourceOf(loser))?.outputs).toMatchObject({ key: remote.activeKey, etag: remote.etag });
    // The other stack's key is now only pending, and its refresh says so: drift (changedOutsidePulumi).
    expect(emulator.cloudKeyStatus(winnerKey)).toBe("pending");
    const refreshed = await winner.ops.run("refresh");
    expect(refreshed.ok, refreshed.report).toBe(true);
    expect(refreshed.steps.find((s) => s.type === TYPE)?.op).toBe("refresh-drift");
    expect((await resourceOf(winner))?.outputs.changedOutsidePulumi).toMatch(/ETag changed outside Pulumi/);
    expect((await resourceOf(winner))?.outputs.etag).toBe(remote.etag);
    // Race, exactly one rotation applied, a clear conflict, nothing stored by the loser, and it converges when rerun.
    addFigures({ faultCases: 1, faultsSurvived: 1 });
  });

  it("both update at once (trigger change): one rotation applied, the loser's state is left exactly as it was", async () => {
    for (const side of sides) side.args = { clusterId, triggers: { owner: side.name, round: "2" } };
    const before = new Map<Side, ResourceView>();
    for (const side of sides) before.set(side, (await resourceOf(side))!);
    const rotationsBefore = cluster(emulator).rotations;

    const { winner, loser, loserUp } = await race();

    const remote = cluster(emulator);
    expect(remote.rotations, "exactly one rotation was applied").toBe(rotationsBefore + 1);
    expect(rotateStatuses()).toEqual([200, 412]);
    expect((await resourceOf(winner))?.outputs).toMatchObject({ key: remote.activeKey, etag: remote.etag, triggers: { round: "2" } });

    expectConflict(loserUp, "rotate");
    const kept = await resourceOf(loser);
    expect(kept?.outputs, "the loser's state is unchanged: same key, rotatedAt, etag and triggers").toEqual(before.get(loser)!.outputs);
    expect(kept?.outputs.key).not.toBe(remote.activeKey);
    expect(emulator.cloudKeyStatus(kept!.outputs.key as string)).toBe("pending");
  });

  it("no secret appears in either stack's state files, reports, errors or host logs", () => {
    for (const side of sides) side.ops.expectNoSecrets();
  });
});
