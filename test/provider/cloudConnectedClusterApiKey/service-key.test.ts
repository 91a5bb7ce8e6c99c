import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import { cloudConnectedServiceSchema } from "../../../sdk";
import type { OperationResult } from "../../engine";
import { startTestStack, type TestStack } from "../../support/stack";
import {
  cloudCalls,
  cluster,
  DAY,
  GET,
  Recorder,
  resources,
  REVOKE_SERVICE,
  ROTATE,
  ROTATE_SERVICE,
  rotateOutOfBand,
  serviceKeys,
  serviceRotatePath,
  theResource,
  travel,
  TYPE,
} from "./helpers";

let args: CloudConnectedClusterApiKeyArgs;
const program = () => {
  new CloudConnectedClusterApiKey("service-key", args);
};

/**
 * The key of a Cloud Connected *service* (`service: "eis"`): the same life as the cluster's key — triggers,
 * rotateAfter, revokePreviousKey, If-Match conflicts, refresh, destroy — on the service's own endpoints, leaving the
 * cluster's own key alone. Run for every service the sdk knows (a service Elastic adds is covered once it is in the
 * enum and the emulator).
 */
describe.each(cloudConnectedServiceSchema.options)("CloudConnectedClusterApiKey with service: %s, through the real dynamic-provider host", (service) => {
  let stack: TestStack;
  let clusterId: string;
  let clusterKey: string;
  const ops = new Recorder(() => stack);
  const run = (op: "preview" | "up" | "refresh" | "destroy") => ops.run(op);
  const stepOf = (result: OperationResult) => result.steps.find((s) => s.type === TYPE);
  const t0 = Date.parse("2026-05-01T00:00:00Z");

  beforeAll(async () => {
    stack = await startTestStack(program);
    clusterId = stack.emulator.defaultClusterId;
    clusterKey = cluster(stack.emulator).activeKey!;
    travel(stack, t0);
  });
  afterEach(() => stack.emulator.faults.clear());
  afterAll(async () => {
    await stack?.close();
  });

  /** The cluster's own key is never touched by the service key's resource. */
  const expectClusterKeyUntouched = () => {
    expect(cluster(stack.emulator).activeKey).toBe(clusterKey);
    expect(cluster(stack.emulator).rotations).toBe(0);
  };

  it("create rotates the service's key (conditionally on the cluster's ETag): the new key is in state, secret; the cluster's key is untouched", async () => {
    args = { clusterId, service, triggers: { release: "1" } };
    const before = serviceKeys(stack.emulator, service).activeKey;
    const etagBefore = cluster(stack.emulator).etag;
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE_SERVICE} 200`, `${GET} 200`]);
    expect(stack.emulator.requests().find((r) => r.route === ROTATE_SERVICE)?.path).toBe(serviceRotatePath(clusterId, service));
    const keys = serviceKeys(stack.emulator, service);
    const r = await theResource(stack);
    expect(r.id).toBe(`${clusterId}/${service}`);
    expect(r.outputs).toMatchObject({ clusterId, service, key: keys.activeKey, rotatedAt: new Date(t0).toISOString(), previousKeyRevoked: false, etag: cluster(stack.emulator).etag });
    expect(cluster(stack.emulator).etag).not.toBe(etagBefore);
    expect(r.secretOutputKeys).toContain("key");
    expect(stack.emulator.cloudKeyStatus(before!)).toBe("pending");
    expectClusterKeyUntouched();
  });

  it("refresh of an unchanged cluster reports no drift", async () => {
    const refresh = await run("refresh");
    expect(refresh.ok, refresh.report).toBe(true);
    expect(stepOf(refresh)?.op).toBe("read");
  });

  it("changed triggers rotate the service's key again; the previous one stays pending", async () => {
    const previous = (await theResource(stack)).outputs.key as string;
    args = { ...args, triggers: { release: "2" } };
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(stepOf(up)?.op).toBe("update");
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE_SERVICE} 200`, `${GET} 200`]);
    expect((await theResource(stack)).outputs.key).toBe(serviceKeys(stack.emulator, service).activeKey);
    expect(stack.emulator.cloudKeyStatus(previous)).toBe("pending");
    expectClusterKeyUntouched();
  });

  it("an elapsed rotateAfter (emulator and provider clocks moved together) shows in preview and rotates at up", async () => {
    args = { ...args, rotateAfter: "30d" };
    expect((await run("up")).ok).toBe(true);
    const rotations = serviceKeys(stack.emulator, service).rotations;
    travel(stack, t0 + 31 * DAY);
    const preview = await run("preview");
    expect(stepOf(preview)?.op).toBe("update");
    expect(stepOf(preview)?.diffs.map((d) => d.property)).toContain("rotationDue");
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(serviceKeys(stack.emulator, service).rotations).toBe(rotations + 1);
    expect((await theResource(stack)).outputs.rotatedAt).toBe(new Date(t0 + 31 * DAY).toISOString());
    expectClusterKeyUntouched();
  });

  it("revokePreviousKey turned on revokes that service's pending keys only — not the cluster's", async () => {
    // A pending key of the cluster's own, made by someone else: a service's revocation must leave it alone.
    expect(await rotateOutOfBand(stack.emulator, clusterId)).toBe(200);
    const clusterPending = cluster(stack.emulator).pendingKeys.map((p) => p.key);
    expect(clusterPending).toContain(clusterKey);
    clusterKey = cluster(stack.emulator).activeKey!;
    const servicePending = serviceKeys(stack.emulator, service).pendingKeys.map((p) => p.key);
    expect(servicePending.length).toBeGreaterThan(0);
    args = { ...args, revokePreviousKey: true };
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${REVOKE_SERVICE} 200`, `${GET} 200`]);
    for (const key of servicePending) expect(stack.emulator.cloudKeyStatus(key)).toBe("revoked");
    for (const key of clusterPending) expect(stack.emulator.cloudKeyStatus(key)).toBe("pending");
    expect((await theResource(stack)).outputs.previousKeyRevoked).toBe(true);
  });

  it("a 412 on the service's key's rotation is a conflict: reported at once, nothing rotated, nothing retried, state unchanged", async () => {
    const before = await theResource(stack);
    const rotations = serviceKeys(stack.emulator, service).rotations;
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: serviceRotatePath(clusterId, service), times: 1, fault: { kind: "status", status: 412 } });
    args = { ...args, triggers: { release: "3" } };
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok).toBe(false);
    expect(up.report).toContain(`CloudConnectedClusterApiKey for the ${service} service of cluster "${clusterId}": rotate failed: conflict`);
    expect(up.report).toContain(`another change of this cluster (a rotation of this cluster's ${service} key or of another of its keys) happened concurrently`);
    expect(up.report).toContain("Nothing was rotated by this run and it was not retried");
    expect(cloudCalls(stack.emulator)).toEqual([`${GET} 200`, `${ROTATE_SERVICE} 412`]);
    expect(serviceKeys(stack.emulator, service).rotations).toBe(rotations);
    expect((await theResource(stack)).outputs.key).toBe(before.outputs.key);
  });

  it("a lost answer to the service key's rotation is recorded in state; the next up says so and rotates to a key Pulumi holds", async () => {
    expect((await run("up")).ok).toBe(true); // the user's decision after the conflict: rotates with the fresh ETag
    const held = (await theResource(stack)).outputs.key;
    stack.emulator.faults.inject({ target: "cloud", method: "POST", path: serviceRotatePath(clusterId, service), times: 1, fault: { kind: "reset-after" } });
    args = { ...args, triggers: { release: "4" } };
    const lost = await run("up");
    expect(lost.ok).toBe(false);
    expect(lost.report).toContain("The state records that this rotation may have happened (rotationOutcomeUnknown)");
    expect(lost.report).toContain(`the key the ${service} service of this cluster used before is now pending`);
    const recorded = await theResource(stack);
    expect(recorded.outputs.key).toBe(held);
    expect(recorded.outputs.rotationOutcomeUnknown).toMatch(/a rotation was sent at .* but its answer was lost/);
    const again = await run("up");
    expect(again.ok, again.report).toBe(true);
    expect(stack.engine.hostLogs().join("\n")).toMatch(/its answer was lost: it may have happened.*Rotating again now/);
    const after = await theResource(stack);
    expect(after.outputs.key).toBe(serviceKeys(stack.emulator, service).activeKey);
    expect(after.outputs.rotationOutcomeUnknown).toBeUndefined();
  });

  it("an out-of-band rotation of the service's key is drift on refresh; the next up acknowledges it without rotating", async () => {
    expect(await rotateOutOfBand(stack.emulator, clusterId, service)).toBe(200);
    const refresh = await run("refresh");
    expect(refresh.ok, refresh.report).toBe(true);
    expect(stepOf(refresh)?.op).toBe("refresh-drift");
    expect((await theResource(stack)).outputs.changedOutsidePulumi).toMatch(new RegExp(`ETag changed outside Pulumi .*: its ${service} key may have been rotated`));
    const rotations = serviceKeys(stack.emulator, service).rotations;
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(serviceKeys(stack.emulator, service).rotations).toBe(rotations);
    expect((await theResource(stack)).outputs.changedOutsidePulumi).toBeUndefined();
  });

  it("changing service replaces the resource (shown as such in preview): a new resource rotates the other key; the service's key is never re-pointed", async () => {
    const serviceKey = serviceKeys(stack.emulator, service).activeKey;
    const { service: _service, ...clusterArgs } = args;
    args = clusterArgs;
    const preview = await run("preview");
    expect(stepOf(preview)?.op).toBe("replace");
    expect(stepOf(preview)?.replaceReasons).toEqual(["service"]);
    stack.emulator.resetStats();
    const up = await run("up");
    expect(up.ok, up.report).toBe(true);
    expect(stepOf(up)?.op).toBe("replace");
    expect(stack.emulator.requests().some((r) => r.route === ROTATE)).toBe(true);
    expect(stack.emulator.requests().some((r) => r.route === ROTATE_SERVICE)).toBe(false);
    const r = await theResource(stack);
    expect(r.id).toBe(clusterId);
    expect(r.outputs.service).toBeUndefined();
    expect(r.outputs.key).toBe(cluster(stack.emulator).activeKey);
    // The service's key is what it was: the replacement neither rotated nor revoked it.
    expect(serviceKeys(stack.emulator, service).activeKey).toBe(serviceKey);
  });

  it("destroy of a service key with revokeOnDelete revokes that service's pending keys only", async () => {
    args = { clusterId, service, revokeOnDelete: true };
    expect((await run("up")).ok).toBe(true);
    expect(await rotateOutOfBand(stack.emulator, clusterId)).toBe(200); // a pending key of the cluster's own
    const servicePending = serviceKeys(stack.emulator, service).pendingKeys.map((p) => p.key);
    const clusterPending = cluster(stack.emulator).pendingKeys.map((p) => p.key);
    expect(servicePending.length, "service pending keys").toBeGreaterThan(0);
    expect(clusterPending.length, "cluster pending keys").toBeGreaterThan(0);
    stack.emulator.resetStats();
    const destroy = await run("destroy");
    expect(destroy.ok, destroy.report).toBe(true);
    expect(cloudCalls(stack.emulator)).toEqual([`${REVOKE_SERVICE} 200`]);
    for (const key of servicePending) expect(stack.emulator.cloudKeyStatus(key)).toBe("revoked");
    for (const key of clusterPending) expect(stack.emulator.cloudKeyStatus(key)).toBe("pending");
    expect(await resources(stack)).toHaveLength(0);
    ops.expectNoSecrets();
  });
});
