// Cloud Connected service keys through the real `pulumi` CLI: the cluster's key and its eis key managed side by side
// in one stack (every rotation changes the cluster's one ETag). Rotating one, or both in one `up`, never makes a
// refresh show drift; a rotation made outside Pulumi still does. Every command's raw output and the whole backend
// go to the driver's secret scanner: no key the emulator issued may appear in either.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { CloudConnectedClusterApiKey } from "../../provider";
import { startEmulator, type Emulator } from "../emulator";
import { cluster, rotateOutOfBand, serviceKeys } from "../provider/cloudConnectedClusterApiKey/helpers";
import { addFigures } from "../support/figures";
import { describeWithCli } from "./available";
import type { Outcome } from "./driver";
import { type PulumiCli, startCli } from "./pulumi-cli";

let release = { cluster: "1", eis: "1" };

describeWithCli("Cloud Connected service keys through the real pulumi CLI", () => {
  let emulator: Emulator;
  let cli: PulumiCli;
  let clusterId: string;

  const run = async (command: "up" | "refresh" | "destroy") => {
    const outcome = await cli.run(command);
    expect(outcome.ok, `${command}: ${outcome.errors.join("\n")}\n${outcome.output}`).toBe(true);
    return outcome;
  };
  /** A refresh that finds nothing changed: the real engine asks the provider's diff for each resource. */
  const expectNoDrift = (refresh: Outcome) => {
    expect(refresh.ops).toEqual({ "eis-key": "same", "cluster-key": "same" });
    expect(refresh.output).not.toMatch(/\[diff: /);
  };
  const expectKeysHeld = async () => {
    const state = await cli.resources();
    const byName = Object.fromEntries(state.map((r) => [r.name, r]));
    expect(byName["cluster-key"]?.outputs.key).toBe(cluster(emulator, clusterId).activeKey);
    expect(byName["eis-key"]?.outputs.key).toBe(serviceKeys(emulator, "eis", clusterId).activeKey);
    for (const r of state) expect(r.secretOutputKeys).toContain("key");
    return byName;
  };

  beforeAll(async () => {
    emulator = await startEmulator();
    clusterId = emulator.defaultClusterId;
    cli = await startCli({
      emulator,
      program: () => {
        // The eis key first: it watches the cluster's ETag for both (siblings.ts).
        new CloudConnectedClusterApiKey("eis-key", { clusterId, service: "eis", triggers: { release: release.eis }, revokeOnDelete: true });
        new CloudConnectedClusterApiKey("cluster-key", { clusterId, triggers: { release: release.cluster } });
      },
    });
  }, 120_000);
  afterAll(async () => {
    await cli?.close();
    await emulator?.close();
  });
  afterEach((ctx) => addFigures({ cliScenarios: 1 }, ctx.task));

  it("up creates both keys (no 412 between them); refresh shows no drift", async () => {
    const up = await run("up");
    expect(up.ops).toEqual({ "eis-key": "create", "cluster-key": "create" });
    const state = await expectKeysHeld();
    expect(state["eis-key"]?.id).toBe(`${clusterId}/eis`);
    expect(state["cluster-key"]?.outputs.etagWatchedBy).toBe("eis-key");
    expectNoDrift(await run("refresh"));
  }, 180_000);

  it("rotating the eis key via its triggers: the cluster key is not rotated, and refresh shows no drift", async () => {
    const rotations = cluster(emulator, clusterId).rotations;
    release = { ...release, eis: "2" };
    const up = await run("up");
    expect(up.ops["eis-key"]).toBe("update");
    expect(cluster(emulator, clusterId).rotations).toBe(rotations);
    await expectKeysHeld();
    expectNoDrift(await run("refresh"));
  }, 180_000);

  it("rotating both in one up: no 412, no key lost, and refresh shows no drift", async () => {
    release = { cluster: "2", eis: "3" };
    const up = await run("up");
    expect(up.ops).toEqual({ "eis-key": "update", "cluster-key": "update" });
    await expectKeysHeld();
    expectNoDrift(await run("refresh"));
  }, 180_000);

  it("a rotation made outside Pulumi is drift, shown on the key that watches the cluster's ETag", async () => {
    expect(await rotateOutOfBand(emulator, clusterId)).toBe(200);
    const refresh = await run("refresh");
    expect(refresh.ops).toEqual({ "eis-key": "drift", "cluster-key": "same" });
    await run("up"); // acknowledged, nothing rotated
  }, 180_000);

  it("destroy removes both; the eis key's pending keys are revoked (revokeOnDelete), the cluster's are not", async () => {
    const eisPending = serviceKeys(emulator, "eis", clusterId).pendingKeys.map((p) => p.key);
    const clusterPending = cluster(emulator, clusterId).pendingKeys.map((p) => p.key);
    expect(eisPending.length).toBeGreaterThan(0);
    expect(clusterPending.length).toBeGreaterThan(0);
    await run("destroy");
    expect(await cli.resources()).toEqual([]);
    for (const key of eisPending) expect(emulator.cloudKeyStatus(key)).toBe("revoked");
    for (const key of clusterPending) expect(emulator.cloudKeyStatus(key)).toBe("pending");
  }, 180_000);
});
