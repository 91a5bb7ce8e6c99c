import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { type Emulator, startEmulator } from "../../emulator";
import { startTestStack, type TestStack } from "../../support/stack";
import { CCK_TYPE, expectLiveKeysMatchState, liveKeys } from "./inventory";

/** Issue #14, cases 10 and 11: a key lives on one cluster, and a change of cluster never loses track of it. */
describe("CrossClusterApiKey when the cluster changes", () => {
  let stack: TestStack;
  let other: Emulator;
  let args: CrossClusterApiKeyArgs;
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("k", args);
    });
    // A second cluster the same user can log in to (as after a migration).
    other = await startEmulator({ credentials: stack.emulator.credentials });
  });
  afterAll(async () => {
    await other?.close();
    await stack?.close();
  });

  it("a change of connection.endpoints replaces the key: created on the new cluster, invalidated on the old", async () => {
    // A cluster only `connection` names gets only `connection`'s credentials (#15): the same user on both here.
    const { username, password } = stack.emulator.credentials.superuser;
    args = { name: "moving", access: { search: [{ names: ["logs-*"] }] }, connection: { endpoints: [stack.emulator.esUrl], username, password } };
    expect((await stack.engine.up()).ok).toBe(true);
    const oldId = (await stack.engine.readState()).resources.find((r) => r.type === CCK_TYPE)!.id;

    args = { ...args, connection: { endpoints: [other.esUrl], username, password } };
    expect((await stack.engine.preview()).steps.find((s) => s.type === CCK_TYPE)?.op).toBe("replace");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const key = (await stack.engine.readState()).resources.find((r) => r.type === CCK_TYPE)!;
    expect(key.id).not.toBe(oldId);
    expect(liveKeys(stack.emulator, "cross_cluster")).toEqual([]);
    await expectLiveKeysMatchState(stack, CCK_TYPE, other);

    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    await expectLiveKeysMatchState(stack, CCK_TYPE, other);
  });

  it("elastic:endpoint pointing at another cluster: refresh and destroy report the mismatch and drop nothing", async () => {
    const home = stack.emulator.esUrl;
    const setEndpoint = (url: string) => {
      stack.engine.options.config = { ...stack.engine.options.config, "elastic:endpoint": { value: url } };
    };
    args = { name: "stays", access: { search: [{ names: ["logs-*"] }] } };
    expect((await stack.engine.up()).ok).toBe(true);
    const id = (await stack.engine.readState()).resources.find((r) => r.type === CCK_TYPE)!.id;

    setEndpoint(other.esUrl);
    try {
      // Refresh and destroy use the config saved at the last up (#20, D1); with --run-program they use the new one.
      const refresh = await stack.engine.refresh({ runProgram: true });
      expect(refresh.ok).toBe(false);
      expect(refresh.report).toMatch(/lives on the Elasticsearch cluster with UUID/);
      expect((await stack.engine.readState()).resources.find((r) => r.type === CCK_TYPE)?.id).toBe(id);
      const destroy = await stack.engine.destroy({ runProgram: true });
      expect(destroy.ok).toBe(false);
      expect((await stack.engine.readState()).resources.find((r) => r.type === CCK_TYPE)?.id).toBe(id);
      await expectLiveKeysMatchState(stack);
    } finally {
      setEndpoint(home);
    }
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    await expectLiveKeysMatchState(stack);
  });
});
