import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { crossClusterKeys, esCall } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";
import { CCK_TYPE, expectLiveKeysMatchState } from "./inventory";

const DAY = 24 * 60 * 60 * 1000;

async function handMadeKey(stack: TestStack, name: string): Promise<string> {
  const made = await esCall(stack.emulator, "POST", "/_security/cross_cluster/api_key", { name, access: { search: [{ names: ["old-*"] }] } });
  expect(made.status).toBe(200);
  return (made.json as { id: string }).id;
}

/** `up` replaced the adopted key: a new key with a secret is in state, the adopted one invalidated, nothing stray. */
async function expectAdoptedKeyReplaced(stack: TestStack, adoptedId: string): Promise<void> {
  const up = await stack.engine.up();
  expect(up.ok, up.report).toBe(true);
  const key = (await stack.engine.readState()).resources.find((r) => r.type === CCK_TYPE)!;
  expect(key.id).not.toBe(adoptedId);
  expect(key.outputs.encoded).toBeTypeOf("string");
  expect(crossClusterKeys(stack.emulator).find((k) => k.id === adoptedId)?.invalidated).toBe(true);
  await expectLiveKeysMatchState(stack);
}

// Issue #14, case 1: adoptKeyId applies to the first create only.
describe("CrossClusterApiKey: a replacement of an adopted key creates a new key, then invalidates the adopted one", () => {
  let stack: TestStack;
  let args: CrossClusterApiKeyArgs;
  let adoptedId: string;
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("adopted", args);
    });
    adoptedId = await handMadeKey(stack, "hand-made");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("adopts the key on the first up", async () => {
    args = { name: "hand-made", adoptKeyId: adoptedId, expiration: "30d", rotateAfter: "1d", access: { search: [{ names: ["new-*"] }] } };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect((await stack.engine.readState()).resources.find((r) => r.type === CCK_TYPE)?.id).toBe(adoptedId);
    await expectLiveKeysMatchState(stack);
  });

  it("removing expiration replaces it with a new key (with a secret) and invalidates the adopted one", async () => {
    const { expiration: _removed, ...rest } = args;
    args = rest;
    await expectAdoptedKeyReplaced(stack, adoptedId);
    expect((await stack.engine.preview()).steps.find((s) => s.type === CCK_TYPE)?.op).toBe("same");
  });

  it("a later rotation (the adopted key long invalidated) creates a new key again", async () => {
    const before = (await stack.engine.readState()).resources.find((r) => r.type === CCK_TYPE)!.id;
    stack.engine.options.env = { ...stack.engine.options.env, PULUMI_ELASTIC_KEYS_NOW: String(Date.now() + 2 * DAY) };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const after = (await stack.engine.readState()).resources.find((r) => r.type === CCK_TYPE)!.id;
    expect(after).not.toBe(before);
    expect(after).not.toBe(adoptedId);
    await expectLiveKeysMatchState(stack);
  });

  it("destroy leaves no live key", async () => {
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    await expectLiveKeysMatchState(stack);
  });
});

// With deleteBeforeReplace the adopted key is invalidated before the replacement's create: that create must still
// make a new key, not try to adopt the key it just invalidated.
describe("CrossClusterApiKey: an adopted key replaced delete-before-replace gets a new key", () => {
  let stack: TestStack;
  let args: CrossClusterApiKeyArgs;
  let adoptedId: string;
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("adopted", args, { deleteBeforeReplace: true });
    });
    adoptedId = await handMadeKey(stack, "hand-made");
  });
  afterAll(async () => {
    await stack?.engine.destroy();
    await stack?.close();
  });

  it("adopts, then a replacement invalidates the adopted key first and creates a new one", async () => {
    args = { name: "hand-made", adoptKeyId: adoptedId, access: { search: [{ names: ["new-*"] }] } };
    expect((await stack.engine.up()).ok).toBe(true);
    args = { ...args, triggers: { rotation: "now" } };
    await expectAdoptedKeyReplaced(stack, adoptedId);
  });
});

// Issue #14, case 2: a key another stack manages is never taken over.
describe("CrossClusterApiKey: adoptKeyId of a key another stack manages is refused", () => {
  let owner: TestStack;
  let adopter: TestStack;
  let adoptKeyId = "";
  beforeAll(async () => {
    owner = await startTestStack(() => {
      new CrossClusterApiKey("owning-resource", { name: "shared", access: { search: [{ names: ["logs-*"] }] }, metadata: { team: "a" } });
    });
    adopter = await startTestStack(
      () => {
        new CrossClusterApiKey("adopting-resource", { name: "shared", adoptKeyId, access: { search: [{ names: ["other-*"] }] }, metadata: { team: "b" } });
      },
      { emulator: owner.emulator },
    );
  });
  afterAll(async () => {
    await adopter?.close();
    await owner?.close();
  });

  it("refuses at up, naming the owning marker and how to release the key, and changes nothing", async () => {
    const up = await owner.engine.up();
    expect(up.ok, up.report).toBe(true);
    adoptKeyId = (await owner.engine.readState()).resources.find((r) => r.type === CCK_TYPE)!.id!;
    const before = crossClusterKeys(owner.emulator).find((k) => k.id === adoptKeyId);

    const adopt = await adopter.engine.up();
    expect(adopt.ok).toBe(false);
    expect(adopt.report).toContain("pulumi_elastic_keys_owner");
    expect(adopt.report).toContain("owning-resource");
    expect(adopt.report).toContain("retainOnDelete");
    expect(crossClusterKeys(owner.emulator).find((k) => k.id === adoptKeyId)).toEqual(before);
    expect((await adopter.engine.readState()).resources.filter((r) => r.type === CCK_TYPE)).toHaveLength(0);
    await expectLiveKeysMatchState(owner);
  });
});
