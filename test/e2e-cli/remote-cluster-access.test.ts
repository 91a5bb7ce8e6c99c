// RemoteClusterAccess through the real `pulumi` CLI: the zero-downtime rotation must hold where users run it, with
// the CLI's own scheduling of the four children (create-before-delete, dependents first on destroy). The emulator
// runs in this process, so `watchConnection` sees the alias' state before every request any cluster receives.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { RemoteClusterAccessArgs } from "../../provider";
import { startEmulator, type Emulator } from "../emulator";
import { crossClusterKeys } from "../support/elastic";
import { addFigures } from "../support/figures";
import { accessArgs, ALIAS, DAY, expectDestroyOrder, expectRotationOrder, KEY_TYPE, program, watchConnection } from "../provider/remoteClusterAccess/helpers";
import { describeWithCli } from "./available";
import { type PulumiCli, startCli } from "./pulumi-cli";

const KEY = "logs-from-prod-key";
const ENTRY = `cluster.remote.${ALIAS}.credentials`;

describeWithCli("the real pulumi CLI: RemoteClusterAccess rotates without an outage", () => {
  let emulator: Emulator;
  let cli: PulumiCli;
  let args: RemoteClusterAccessArgs;
  const t0 = Date.parse("2026-03-01T00:00:00Z");
  /** Both clocks at once: the provider's (read by the host the CLI starts) and the emulator's. */
  const travel = (to: number) => {
    emulator.clock.set(to);
    cli.setEnv("PULUMI_ELASTIC_KEYS_NOW", String(to));
  };
  const liveKeyIds = async () => (await cli.resources()).filter((r) => r.type === KEY_TYPE).map((r) => r.id);
  const writes = () => [...emulator.requests(), ...emulator.local.requests()].filter((r) => r.method !== "GET" && !r.path.includes("/_query/"));

  /** `pulumi up`, sampling `connected` before every request; asserts the alias never dropped. */
  async function upConnectedThroughout() {
    const watch = watchConnection(emulator);
    const up = await cli.run("up").finally(() => watch.stop());
    const dropped = watch.samples.filter((s) => !s.connected);
    expect(dropped, JSON.stringify(dropped)).toEqual([]);
    return { up, order: watch.samples.map((s) => s.path) };
  }

  beforeAll(async () => {
    emulator = await startEmulator();
    args = accessArgs(emulator);
    cli = await startCli({ emulator, program: program(() => args) });
    travel(t0);
  }, 120_000);
  afterAll(async () => {
    await cli?.close();
    await emulator?.close();
  });
  afterEach((ctx) => addFigures({ cliScenarios: 1 }, ctx.task));

  it("preview plans the four children and writes nothing; up creates them and the alias connects", async () => {
    const preview = await cli.run("preview");
    expect(preview.ok, preview.output).toBe(true);
    expect(preview.ops).toMatchObject({ [KEY]: "create", "logs-from-prod-keystore": "create", "logs-from-prod-settings": "create", "logs-from-prod-readiness": "create" });
    expect(writes()).toEqual([]);

    const up = await cli.run("up");
    expect(up.ok, up.output).toBe(true);
    const [keyId] = await liveKeyIds();
    expect(emulator.local.keystore()).toEqual([ENTRY]);
    expect(emulator.local.credentialsKeyId(ALIAS)).toBe(keyId);
    expect(emulator.local.connected(ALIAS)).toBe(true);
    // The keystore value is key material: ciphertext in what `pulumi stack export` shows.
    const { resources } = await cli.exportState(false);
    const entry = resources.find((r) => r.type.endsWith(":KeystoreEntry"))!;
    expect(JSON.stringify(entry.outputs?.value)).toContain("ciphertext");
  });

  it("refresh finds no drift; a second up changes nothing and writes nothing", async () => {
    const refresh = await cli.run("refresh");
    expect(refresh.ok, refresh.output).toBe(true);
    expect(Object.values(refresh.ops).every((op) => op === "same"), JSON.stringify(refresh.ops)).toBe(true);
    emulator.resetStats();
    emulator.local.resetRequests();
    const up = await cli.run("up");
    expect(up.ok, up.output).toBe(true);
    expect(Object.values(up.ops).every((op) => op === "same"), JSON.stringify(up.ops)).toBe(true);
    expect(writes()).toEqual([]);
  });

  it("rotateAfter elapsed: new key → keystore → verified → old key invalidated, connected at every request", async () => {
    const [old] = await liveKeyIds();
    travel(t0 + 31 * DAY);
    const preview = await cli.run("preview");
    expect(preview.ops[KEY]).toBe("replace");
    expect(preview.replaceReasons[KEY]).toContain("rotateAfter");
    const { up, order } = await upConnectedThroughout();
    expect(up.ok, up.output).toBe(true);
    const [fresh] = await liveKeyIds();
    expect(fresh).not.toBe(old);
    expect(emulator.local.credentialsKeyId(ALIAS)).toBe(fresh);
    expect(crossClusterKeys(emulator).find((k) => k.id === old)?.invalidated).toBe(true);
    expectRotationOrder(order);
  });

  it("a changed remote.triggers rotates on demand, the same way", async () => {
    const [old] = await liveKeyIds();
    args = accessArgs(emulator, { remote: { triggers: { rotation: "2026-04" } } });
    const preview = await cli.run("preview");
    expect(preview.replaceReasons[KEY]).toEqual(["triggers"]);
    const { up, order } = await upConnectedThroughout();
    expect(up.ok, up.output).toBe(true);
    expectRotationOrder(order);
    const [fresh] = await liveKeyIds();
    expect(fresh).not.toBe(old);
    expect(emulator.local.credentialsKeyId(ALIAS)).toBe(fresh);
    expect(crossClusterKeys(emulator).find((k) => k.id === old)?.invalidated).toBe(true);
  });

  it("a failed verification leaves the old key live and in the keystore, says what to do; the next up completes", async () => {
    const [old] = await liveKeyIds();
    args = accessArgs(emulator, { remote: { triggers: { rotation: "2026-05" } }, local: { readinessTimeout: "1s" } });
    const notConnected = { [ALIAS]: { connected: false, mode: "proxy", proxy_address: "prod.es.example.com:9443", num_proxy_sockets_connected: 0 } };
    emulator.resetStats();
    const fault = emulator.faults.inject({ target: "es", method: "GET", path: "/_remote/info", times: Infinity, fault: { kind: "status", status: 200, body: notConnected } });
    const up = await cli.run("up").finally(() => fault.remove());
    expect(up.ok).toBe(false);
    const shown = up.errors.join("\n");
    expect(shown).toContain('remote cluster "prod" did not connect with the new key within 1s');
    expect(shown).toContain("The previous key was written back");
    expect(shown).toContain("NOT invalidated");
    expect(crossClusterKeys(emulator).find((k) => k.id === old)?.invalidated).toBe(false);
    expect(emulator.local.credentialsKeyId(ALIAS)).toBe(old);
    expect(emulator.local.connected(ALIAS)).toBe(true);
    expect(emulator.requests().filter((r) => r.route === "DELETE /_security/api_key")).toEqual([]);

    const retry = await upConnectedThroughout();
    expect(retry.up.ok, retry.up.output).toBe(true);
    const [fresh] = await liveKeyIds();
    expect(fresh).not.toBe(old);
    expect(emulator.local.credentialsKeyId(ALIAS)).toBe(fresh);
    expect(crossClusterKeys(emulator).find((k) => k.id === old)?.invalidated).toBe(true);
  });

  it("destroy leaves nothing behind: settings reset, keystore entry removed, then every key invalidated", async () => {
    const watch = watchConnection(emulator);
    const destroy = await cli.run("destroy").finally(() => watch.stop());
    expect(destroy.ok, destroy.output).toBe(true);
    expect(emulator.local.keystore()).toEqual([]);
    expect(emulator.local.settings().persistent).toEqual({});
    expect(emulator.local.remoteInfo()).toEqual({});
    expect(crossClusterKeys(emulator).every((k) => k.invalidated)).toBe(true);
    expect(await cli.resources()).toEqual([]);
    expectDestroyOrder(watch.samples.map((s) => s.path));
  });
});
