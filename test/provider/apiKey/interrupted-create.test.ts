import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiKey } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import { API_KEY_TYPE, expectLiveKeysMatchState, liveKeys, upKilledMidCreate } from "../crossClusterApiKey/inventory";

const CREATE = "POST /_security/api_key";
const RETIRED = /invalidated 1 API key\(s\) .* that an earlier interrupted create of this resource left live/;
const ROLES = { reader: { cluster: ["monitor"], indices: [{ names: ["logs-*"], privileges: ["read"] }] } };

/** Issue #14, case 4 for REST keys: a key whose create answer was lost to a killed `up` is found and invalidated. */
describe("ApiKey: an up killed after Elasticsearch processed the create", () => {
  let stack: TestStack;
  let name = "";
  let team = "a";
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new ApiKey("k", { name, roleDescriptors: ROLES, metadata: { team } });
    });
  });
  beforeEach(async () => {
    stack.emulator.faults.clear();
    await stack.engine.destroy();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const landed = () => liveKeys(stack.emulator, "rest").some((k) => k.name === name && k.metadata.team === team);

  it("the re-run invalidates the stray, says so, and ends with one live key, the one in state", async () => {
    name = "killed-rest-create";
    stack.emulator.faults.inject({ method: "POST", path: "/_security/api_key", times: 1, fault: { kind: "latency", ms: 1500 } });
    const killed = await upKilledMidCreate(stack, CREATE, landed);
    expect(killed.ok).toBe(false);

    const logsBefore = stack.engine.hostLogs().length;
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    await expectLiveKeysMatchState(stack, API_KEY_TYPE);
    expect(stack.engine.hostLogs().slice(logsBefore).join("\n")).toMatch(RETIRED);
  });

  it("a replacement killed mid-create: refresh invalidates the stray and keeps the key in state", async () => {
    name = "replaced-rest-key";
    team = "a";
    expect((await stack.engine.up()).ok).toBe(true);
    team = "b"; // metadata changes replace a REST key
    stack.emulator.faults.inject({ method: "POST", path: "/_security/api_key", times: 1, fault: { kind: "latency", ms: 1500 } });
    const killed = await upKilledMidCreate(stack, CREATE, landed);
    expect(killed.ok).toBe(false);

    const logsBefore = stack.engine.hostLogs().length;
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    await expectLiveKeysMatchState(stack, API_KEY_TYPE);
    expect(stack.engine.hostLogs().slice(logsBefore).join("\n")).toMatch(RETIRED);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    await expectLiveKeysMatchState(stack, API_KEY_TYPE);
  });
});
