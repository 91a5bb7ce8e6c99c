import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CrossClusterApiKey } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import { CCK_TYPE, expectLiveKeysMatchState, liveKeys, upKilledMidCreate, waitFor } from "./inventory";

const CREATE = "POST /_security/cross_cluster/api_key";
const RETIRED = /invalidated 1 API key\(s\) .* that an earlier interrupted create of this resource left live/;

/**
 * Issue #14, cases 3 and 4: a create that Elasticsearch processed but whose answer never reached the state — a
 * late answer, a killed `up` — must not leave a live key nobody holds: the next create, refresh or destroy of the
 * resource finds it by its owner marker, invalidates it and says so.
 */
describe("CrossClusterApiKey: creates whose answer never reached the state", () => {
  let stack: TestStack;
  let name = "";
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("k", { name, access: { search: [{ names: ["logs-*"] }] } });
    });
  });
  beforeEach(async () => {
    stack.emulator.faults.clear();
    await stack.engine.destroy();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const landed = () => liveKeys(stack.emulator, "cross_cluster").some((k) => k.name === name);

  it("answered after the request timeout: never two live keys; the next up retires the late key", async () => {
    name = "slow-create";
    stack.engine.options.config = { ...stack.engine.options.config, "elastic:requestTimeout": { value: "1s" } };
    try {
      stack.emulator.faults.inject({ method: "POST", path: "/_security/cross_cluster/api_key", times: 1, fault: { kind: "latency", ms: 2500 } });
      const sent = Date.now();
      await stack.engine.up();
      // The slow request lands 2.5 s after it was sent, whatever the provider did meanwhile.
      await waitFor("the slow create to land", () => Date.now() > sent + 3000 && landed());
      const up = await stack.engine.up();
      expect(up.ok, up.report).toBe(true);
      await expectLiveKeysMatchState(stack);
      expect(liveKeys(stack.emulator, "cross_cluster").filter((k) => k.name === name)).toHaveLength(1);
    } finally {
      const { "elastic:requestTimeout": _dropped, ...config } = stack.engine.options.config ?? {};
      stack.engine.options.config = config;
    }
  });

  it("an up killed after Elasticsearch processed the create: the re-run invalidates the stray and says so", async () => {
    name = "killed-create";
    stack.emulator.faults.inject({ method: "POST", path: "/_security/cross_cluster/api_key", times: 1, fault: { kind: "latency", ms: 1500 } });
    const killed = await upKilledMidCreate(stack, CREATE, landed);
    expect(killed.ok).toBe(false);
    expect((await stack.engine.readState()).resources.filter((r) => r.type === CCK_TYPE)).toHaveLength(0);

    const logsBefore = stack.engine.hostLogs().length;
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    await expectLiveKeysMatchState(stack);
    expect(stack.engine.hostLogs().slice(logsBefore).join("\n")).toMatch(RETIRED);
  });

  it("a replacement killed mid-create: destroy invalidates the stray as well as the key in state", async () => {
    name = "replaced-key";
    expect((await stack.engine.up()).ok).toBe(true);
    name = "replacement-key";
    stack.emulator.faults.inject({ method: "POST", path: "/_security/cross_cluster/api_key", times: 1, fault: { kind: "latency", ms: 1500 } });
    const killed = await upKilledMidCreate(stack, CREATE, landed);
    expect(killed.ok).toBe(false);

    const logsBefore = stack.engine.hostLogs().length;
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    await expectLiveKeysMatchState(stack);
    expect(liveKeys(stack.emulator, "cross_cluster")).toHaveLength(0);
    expect(stack.engine.hostLogs().slice(logsBefore).join("\n")).toMatch(RETIRED);
  });
});
