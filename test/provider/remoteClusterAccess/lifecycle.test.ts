import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RemoteClusterAccessArgs } from "../../../provider";
import { crossClusterKeys } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";
import { accessArgs, ALIAS, DAY, expectDestroyOrder, expectRotationOrder, liveKeys, program, travel, watchConnection } from "./helpers";

const ENTRY = `cluster.remote.${ALIAS}.credentials`;

describe("RemoteClusterAccess through the engine and the real dynamic-provider host", () => {
  let stack: TestStack;
  let args: RemoteClusterAccessArgs;
  const t0 = Date.parse("2026-03-01T00:00:00Z");
  beforeAll(async () => {
    stack = await startTestStack(program(() => args));
    args = accessArgs(stack.emulator);
    travel(stack, t0);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("1. up creates the key, the keystore entry, the alias' settings, and verifies the connection", async () => {
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const e = stack.emulator;
    const [key] = await liveKeys(stack);
    expect(crossClusterKeys(e).map((k) => [k.id, k.invalidated])).toEqual([[key!.id, false]]);
    expect(e.local.keystore()).toEqual([ENTRY]);
    expect(e.local.credentialsKeyId(ALIAS)).toBe(key!.id);
    expect(e.local.settings().persistent).toEqual({
      "cluster.remote.prod.mode": "proxy",
      "cluster.remote.prod.proxy_address": "prod.es.example.com:9443",
      "cluster.remote.prod.server_name": "prod.es.example.com",
    });
    expect(e.local.connected(ALIAS)).toBe(true);
    // The keystore value is key material: a secret output, encrypted in the state file.
    const state = await stack.engine.readState();
    const entry = state.resources.find((r) => r.type.endsWith(":KeystoreEntry"))!;
    expect(entry.outputs.value).toBe(key!.outputs.encoded);
    expect(entry.secretOutputKeys).toEqual(expect.arrayContaining(["value", "verifyConnection", "connection"]));
    // The readiness check asked _remote/info after the settings were in place.
    expect(e.local.requests().map((r) => r.route)).toContain("GET /_remote/info");
  });

  it("2. a second up changes nothing", async () => {
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`)).toEqual([]);
    expect(stack.emulator.requests().filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("3. rotateAfter rotates with the alias connected at every request: new key, keystore, verified, old key invalidated", async () => {
    const e = stack.emulator;
    const [old] = await liveKeys(stack);
    travel(stack, t0 + 31 * DAY);
    const preview = await stack.engine.preview();
    expect(preview.steps.find((s) => s.name === "logs-from-prod-key")?.op).toBe("replace");
    e.resetStats();
    e.local.resetRequests();
    const watch = watchConnection(e);
    const up = await stack.engine.up().finally(() => watch.stop());
    expect(up.ok, up.report).toBe(true);
    const disconnected = watch.samples.filter((s) => !s.connected);
    expect(disconnected, JSON.stringify(disconnected)).toEqual([]);
    const [fresh] = await liveKeys(stack);
    expect(fresh!.id).not.toBe(old!.id);
    expect(e.local.credentialsKeyId(ALIAS)).toBe(fresh!.id);
    expect(crossClusterKeys(e).find((k) => k.id === old!.id)?.invalidated).toBe(true);
    // Order, from the two clusters' and Cloud's logs on the emulator clock is not enough (same instant): use the
    // watcher's sequence of requests, which interleaves them in arrival order.
    expectRotationOrder(watch.samples.map((s) => s.path));
  });

  it("3b. a changed remote.triggers rotates the same way, on demand, with the alias connected at every request", async () => {
    const e = stack.emulator;
    const [old] = await liveKeys(stack);
    args = accessArgs(e, { remote: { triggers: { rotation: "2026-04" } } });
    const preview = await stack.engine.preview();
    const keyStep = preview.steps.find((s) => s.name === "logs-from-prod-key");
    expect(keyStep?.op).toBe("replace");
    expect(keyStep?.replaceReasons).toEqual(["triggers"]);
    const watch = watchConnection(e);
    const up = await stack.engine.up().finally(() => watch.stop());
    expect(up.ok, up.report).toBe(true);
    expect(watch.samples.filter((s) => !s.connected)).toEqual([]);
    expectRotationOrder(watch.samples.map((s) => s.path));
    const [fresh] = await liveKeys(stack);
    expect(fresh!.id).not.toBe(old!.id);
    expect(e.local.credentialsKeyId(ALIAS)).toBe(fresh!.id);
    expect(crossClusterKeys(e).find((k) => k.id === old!.id)?.invalidated).toBe(true);
    expect((await stack.engine.preview()).steps.filter((s) => s.op !== "same").map((s) => s.name)).toEqual([]);
  });

  it("4. a failed verification writes the previous key back, leaves it live, and says what to do; the next up completes", async () => {
    const e = stack.emulator;
    const [old] = await liveKeys(stack);
    args = accessArgs(e, { remote: { triggers: { rotation: "2026-04" } }, local: { readinessTimeout: "1s" } });
    expect((await stack.engine.up()).ok).toBe(true); // only the timeout changed
    travel(stack, t0 + 62 * DAY);
    // The local cluster says "not connected" whatever the keystore holds.
    const notConnected = { [ALIAS]: { connected: false, mode: "proxy", proxy_address: "prod.es.example.com:9443", num_proxy_sockets_connected: 0 } };
    e.resetStats();
    const fault = e.faults.inject({ target: "es", method: "GET", path: "/_remote/info", times: Infinity, fault: { kind: "status", status: 200, body: notConnected } });
    const up = await stack.engine.up();
    fault.remove();
    expect(up.ok).toBe(false);
    const message = up.errors.map((x) => x.message).join("\n");
    expect(message).toContain('remote cluster "prod" did not connect with the new key within 1s');
    expect(message).toContain('_remote/info said {"connected":false');
    expect(message).toContain("The previous key was written back");
    expect(message).toContain("NOT invalidated");
    // The old key is live and in the keystore; the new one exists (in state) but is not used yet.
    expect(crossClusterKeys(e).find((k) => k.id === old!.id)?.invalidated).toBe(false);
    expect(e.local.credentialsKeyId(ALIAS)).toBe(old!.id);
    expect(e.local.connected(ALIAS)).toBe(true);
    expect(e.requests().filter((r) => r.route === "DELETE /_security/api_key")).toHaveLength(0);
    const state = await stack.engine.readState();
    expect(state.resources.find((r) => r.type.endsWith(":KeystoreEntry"))!.outputs.value).toBe(old!.outputs.encoded);

    // Fixed: the next up finishes the rotation.
    const retry = await stack.engine.up();
    expect(retry.ok, retry.report).toBe(true);
    const [fresh] = await liveKeys(stack);
    expect(fresh!.id).not.toBe(old!.id);
    expect(e.local.credentialsKeyId(ALIAS)).toBe(fresh!.id);
    expect(e.local.connected(ALIAS)).toBe(true);
    expect(crossClusterKeys(e).find((k) => k.id === old!.id)?.invalidated).toBe(true);
  });

  it("5. destroy resets the alias, removes the keystore entry, then invalidates the key, leaving nothing behind", async () => {
    const e = stack.emulator;
    const watch = watchConnection(e);
    const destroy = await stack.engine.destroy().finally(() => watch.stop());
    expect(destroy.ok, destroy.report).toBe(true);
    expect(e.local.keystore()).toEqual([]);
    expect(e.local.settings().persistent).toEqual({});
    expect(e.local.remoteInfo()).toEqual({});
    expect(crossClusterKeys(e).every((k) => k.invalidated)).toBe(true);
    expect((await stack.engine.readState()).resources.filter((r) => r.custom)).toEqual([]);
    expectDestroyOrder(watch.samples.map((s) => s.path));
  });
});
