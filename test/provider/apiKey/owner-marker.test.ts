import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKey, CrossClusterApiKey } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import { API_KEY_TYPE, CCK_TYPE, expectLiveKeysMatchState, liveKeys } from "../crossClusterApiKey/inventory";

class Group extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:keys:Group", name);
    new ApiKey(`${name}-key`, { roleDescriptors: {} }, { parent: this });
    this.registerOutputs({});
  }
}

// Issue #14, case 4: the marker is derived from the resource itself — its URN, parents included.
describe("keys carry their resource's URN as owner marker", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new Group("grouped");
      new CrossClusterApiKey("top", { access: { replication: [{ names: ["logs-*"] }] } });
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("the owner in each key's metadata is the URN the engine gave the resource", async () => {
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const state = (await stack.engine.readState()).resources;
    const owners = [...liveKeys(stack.emulator, "rest"), ...liveKeys(stack.emulator, "cross_cluster")].map((k) => [k.id, k.metadata.pulumi_elastic_keys_owner]);
    const urns = state.filter((r) => r.type === API_KEY_TYPE || r.type === CCK_TYPE).map((r) => [r.id, r.urn]);
    expect(owners.sort()).toEqual(urns.sort());
    expect(urns.some(([, urn]) => urn?.includes("test:keys:Group$pulumi-nodejs:dynamic/elastic:ApiKey::grouped-key"))).toBe(true);
    expect((await stack.engine.destroy()).ok).toBe(true);
    await expectLiveKeysMatchState(stack, API_KEY_TYPE);
    await expectLiveKeysMatchState(stack, CCK_TYPE);
  });
});
