// Every resource's whole life, written once against `Driver`: preview → up → no-op up → in-place update →
// replacement → out-of-band change + refresh → out-of-band deletion + refresh → destroy. After each step the
// emulator's inventory is checked against the state. Run through the real CLI (lifecycle.test.ts) and through both
// the CLI and the engine for the differential test (differential.test.ts).
import { expect } from "vitest";
import { CloudConnectedClusterApiKey, ConnectorApiKey, ConnectorApiKeyBinding, CrossClusterApiKey } from "../../provider";
import type { Emulator } from "../emulator";
import { crossClusterKeys, esCall } from "../support/elastic";
import { createConnector, createRestKey, createSecret } from "../provider/connectorApiKeyBinding/remote";
import { cluster, clusterPath, revokePath, rotateOutOfBand, rotatePath } from "../provider/cloudConnectedClusterApiKey/helpers";
import type { Command, Driver, Outcome, Program, StateResource } from "./driver";

export interface Programs {
  initial: Program;
  /** A change the resource makes in place. */
  update: Program;
  /** A change that replaces the resource (create-before-delete). */
  replace: Program;
}

export interface Lifecycle {
  title: string;
  /** The resource the steps are about (by name), and its type. */
  name: string;
  type: string;
  /** Out-of-band set-up (connectors, keys, clusters); returns the programs, which may name what it made. */
  prepare(emulator: Emulator): Promise<Programs>;
  /** Top-level outputs that must be stored as secrets. */
  secretOutputs: string[];
  /** Requests, in order, that prove the replacement created the new object before deleting the old one. */
  replacementOrder(emulator: Emulator, oldId: string, newId: string): string[];
  /** A change made outside Pulumi that refresh must show, and what refresh shows for it. */
  drift(emulator: Emulator, id: string): Promise<void>;
  /** The object deleted outside Pulumi (as Elastic would answer afterwards). */
  remove(emulator: Emulator, id: string): Promise<void>;
  /** Asserts the emulator holds exactly what the state says (nothing stray, nothing missing). */
  matchesState(emulator: Emulator, state: StateResource[]): void;
}

const writes = (emulator: Emulator) => emulator.requests().filter((r) => r.method !== "GET");
const ofType = (state: StateResource[], type: string) => state.filter((r) => r.type === type);

export interface LifecycleRecord {
  outcomes: Outcome[];
  /** After the first up: each resource's secret outputs, by resource name. */
  secretOutputs: Record<string, string[]>;
}

/** Runs a lifecycle, asserting each step; returns what each command showed. */
export async function runLifecycle(driver: Driver, emulator: Emulator, lifecycle: Lifecycle, programs: Programs): Promise<LifecycleRecord> {
  const outcomes: Outcome[] = [];
  const run = async (command: Command) => {
    const outcome = await driver.run(command);
    outcomes.push(outcome);
    expect(outcome.ok, `${driver.kind} ${command}: ${outcome.errors.join("\n")}\n${outcome.output}`).toBe(true);
    return outcome;
  };
  const state = async () => driver.resources();
  const mine = async () => {
    const found = (await state()).filter((r) => r.name === lifecycle.name);
    expect(found, `${lifecycle.name} in ${driver.kind} state`).toHaveLength(1);
    return found[0]!;
  };
  const opOf = (outcome: Outcome) => outcome.ops[lifecycle.name];

  driver.setProgram(programs.initial);
  emulator.resetStats();
  expect(opOf(await run("preview"))).toBe("create");
  expect(writes(emulator)).toEqual([]);

  await run("up");
  const secretOutputs = Object.fromEntries((await state()).map((r) => [r.name, [...r.secretOutputKeys].sort()]));
  const created = await mine();
  for (const key of lifecycle.secretOutputs) expect(created.secretOutputKeys).toContain(key);
  lifecycle.matchesState(emulator, await state());

  // Nothing changed anywhere: refresh must say so (the real engine asks the provider's diff).
  const unchanged = await run("refresh");
  expect(Object.values(unchanged.ops).every((op) => op === "same"), `refresh after up: ${JSON.stringify(unchanged.ops)}`).toBe(true);
  expect(unchanged.output, "refresh after up shows no diff").not.toMatch(/\[diff: /);

  emulator.resetStats();
  const again = await run("up");
  expect(Object.values(again.ops).every((op) => op === "same"), JSON.stringify(again.ops)).toBe(true);
  expect(writes(emulator).map((r) => r.route)).toEqual([]);

  driver.setProgram(programs.update);
  expect(opOf(await run("preview"))).toBe("update");
  expect(opOf(await run("up"))).toBe("update");
  expect((await mine()).id).toBe(created.id);
  lifecycle.matchesState(emulator, await state());

  driver.setProgram(programs.replace);
  expect(opOf(await run("preview"))).toBe("replace");
  emulator.resetStats();
  expect(opOf(await run("up"))).toBe("replace");
  const replaced = await mine();
  expect(replaced.id).not.toBe("");
  const order = lifecycle.replacementOrder(emulator, created.id, replaced.id);
  expect(order, "create-before-delete").toEqual([...order].sort((a, b) => firstIndex(emulator, a) - firstIndex(emulator, b)));
  expect(order.every((step) => firstIndex(emulator, step) >= 0), `requests ${order.join(", ")} were made`).toBe(true);
  lifecycle.matchesState(emulator, await state());

  await lifecycle.drift(emulator, replaced.id);
  expect(opOf(await run("refresh"))).toBe("drift");
  await run("up");
  lifecycle.matchesState(emulator, await state());

  const current = await mine();
  await lifecycle.remove(emulator, current.id);
  expect(opOf(await run("refresh"))).toBe("gone");
  expect((await state()).filter((r) => r.name === lifecycle.name)).toEqual([]);
  emulator.faults.clear();

  await run("destroy");
  expect(ofType(await state(), lifecycle.type)).toEqual([]);
  lifecycle.matchesState(emulator, []);
  return { outcomes, secretOutputs };
}

/** Position of the first request whose "METHOD path" equals `step`. */
function firstIndex(emulator: Emulator, step: string): number {
  return emulator.requests().findIndex((r) => `${r.method} ${r.path}` === step);
}

const CROSS_CLUSTER = "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey";
const BINDING = "pulumi-nodejs:dynamic/elastic:ConnectorApiKeyBinding";
const API_KEY = "pulumi-nodejs:dynamic/elastic:ApiKey";
const CLOUD = "pulumi-nodejs:dynamic/elastic:CloudConnectedClusterApiKey";

export const crossClusterApiKey: Lifecycle = {
  title: "CrossClusterApiKey",
  name: "replication",
  type: CROSS_CLUSTER,
  secretOutputs: ["apiKey", "encoded"],
  async prepare() {
    const key = (name: string, names: string[]) => () =>
      void new CrossClusterApiKey("replication", { name, access: { search: [{ names }] }, metadata: { team: "platform" } });
    return { initial: key("logs", ["logs-*"]), update: key("logs", ["logs-*", "metrics-*"]), replace: key("logs-v2", ["logs-*", "metrics-*"]) };
  },
  replacementOrder: () => ["POST /_security/cross_cluster/api_key", "DELETE /_security/api_key"],
  async drift(emulator, id) {
    expect((await esCall(emulator, "PUT", `/_security/cross_cluster/api_key/${id}`, { access: { replication: [{ names: ["x-*"] }] } })).status).toBe(200);
  },
  async remove(emulator, id) {
    expect((await esCall(emulator, "DELETE", "/_security/api_key", { ids: [id] })).status).toBe(200);
  },
  matchesState(emulator, state) {
    const live = crossClusterKeys(emulator).filter((k) => !k.invalidated).map((k) => k.id);
    expect(live.sort()).toEqual(ofType(state, CROSS_CLUSTER).map((r) => r.id).sort());
  },
};

/** A binding's steps on connectors c1 → c2, whether declared alone or by the ConnectorApiKey component. */
const connectorSteps: Pick<Lifecycle, "replacementOrder" | "drift" | "remove"> = {
  // The new connector is bound before the old one is unbound.
  replacementOrder: () => ["PUT /_connector/c2/_api_key_id", "PUT /_connector/c1/_api_key_id"],
  async drift(emulator, id) {
    const other = await createRestKey(emulator, "rebound-out-of-band");
    expect((await esCall(emulator, "PUT", `/_connector/${id}/_api_key_id`, { api_key_id: other })).status).toBe(200);
  },
  async remove(emulator, id) {
    expect((await esCall(emulator, "DELETE", `/_connector/${id}`)).status).toBe(200);
  },
};

export const connectorApiKeyBinding: Lifecycle = {
  title: "ConnectorApiKeyBinding",
  name: "binding",
  type: BINDING,
  secretOutputs: [],
  async prepare(emulator) {
    await createConnector(emulator, "c1", { native: true });
    await createConnector(emulator, "c2", { native: true });
    const [k1, k2] = [await createRestKey(emulator, "connector-key-1"), await createRestKey(emulator, "connector-key-2")];
    const [s1, s2] = [await createSecret(emulator, "secret-value-one"), await createSecret(emulator, "secret-value-two")];
    const bind = (connectorId: string, apiKeyId: string, apiKeySecretId: string) => () =>
      void new ConnectorApiKeyBinding("binding", { connectorId, apiKeyId, apiKeySecretId });
    return { initial: bind("c1", k1, s1), update: bind("c1", k2, s2), replace: bind("c2", k2, s2) };
  },
  ...connectorSteps,
  matchesState(emulator, state) {
    const bound = emulator.inventory().connectors.filter((c) => typeof c.api_key_id === "string" && c.api_key_id !== "");
    const expected = ofType(state, BINDING).map((r) => ({ id: r.id, api_key_id: r.outputs.apiKeyId }));
    expect(bound.map((c) => ({ id: c.id, api_key_id: c.api_key_id }))).toEqual(expected);
  },
};

export const connectorApiKey: Lifecycle = {
  title: "ConnectorApiKey (component)",
  name: "crawler-binding",
  type: BINDING,
  secretOutputs: [],
  async prepare(emulator) {
    await createConnector(emulator, "c1", { native: true, indexName: "search-c1" });
    await createConnector(emulator, "c2", { native: true, indexName: "search-c2" });
    const component = (connectorId: string, metadata: Record<string, string>) => () =>
      void new ConnectorApiKey("crawler", { connectorId, indexName: `search-${connectorId}`, managed: true, metadata });
    return { initial: component("c1", { v: "1" }), update: component("c1", { v: "2" }), replace: component("c2", { v: "2" }) };
  },
  ...connectorSteps,
  matchesState(emulator, state) {
    // Every live REST key the component made is the one in state, and each bound connector uses it.
    const keys = emulator.inventory().apiKeys.filter((k) => k.type === "rest" && !k.invalidated && k.name.endsWith("-api-key"));
    expect(keys.map((k) => k.id).sort()).toEqual(ofType(state, API_KEY).map((r) => r.id).sort());
    const bound = emulator.inventory().connectors.filter((c) => typeof c.api_key_id === "string" && c.api_key_id !== "");
    expect(bound.map((c) => c.api_key_id)).toEqual(ofType(state, BINDING).map((r) => r.outputs.apiKeyId));
  },
};

export const cloudConnectedClusterApiKey: Lifecycle = {
  title: "CloudConnectedClusterApiKey",
  name: "cluster-key",
  type: CLOUD,
  secretOutputs: ["key"],
  async prepare(emulator) {
    const first = emulator.addCloudCluster("first");
    const second = emulator.addCloudCluster("second");
    const rotate = (clusterId: string, release: string) => () =>
      void new CloudConnectedClusterApiKey("cluster-key", { clusterId, triggers: { release }, revokeOnDelete: true });
    return { initial: rotate(first, "1"), update: rotate(first, "2"), replace: rotate(second, "2") };
  },
  // The new cluster's key is rotated before the old resource's delete revokes the old cluster's pending keys.
  replacementOrder: (_emulator, oldId, newId) => [`POST ${rotatePath(newId)}`, `POST ${revokePath(oldId)}`],
  // A service's key rotated outside Pulumi changes the cluster's ETag, not the cluster's key.
  async drift(emulator, id) {
    expect(await rotateOutOfBand(emulator, id, "eis")).toBe(200);
  },
  async remove(emulator, id) {
    // Elastic Cloud's own not-found answer, for as long as the test needs it.
    emulator.faults.inject({ target: "cloud", method: "GET", path: clusterPath(id), times: Infinity, fault: { kind: "status", status: 404 } });
  },
  matchesState(emulator, state) {
    for (const r of ofType(state, CLOUD)) expect(r.outputs.key).toBe(cluster(emulator, r.id).activeKey);
  },
};

export const LIFECYCLES: readonly Lifecycle[] = [crossClusterApiKey, connectorApiKeyBinding, connectorApiKey, cloudConnectedClusterApiKey];
