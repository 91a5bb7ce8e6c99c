import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKey, type ApiKeyArgs } from "../../../provider";
import { expectRejectedAtPreview } from "../../support/preview";
import { startTestStack, type TestStack } from "../../support/stack";
import { API_KEY_TYPE, expectLiveKeysMatchState } from "../crossClusterApiKey/inventory";

// Issue #14, cases 12 and 13 for REST keys: equivalent inputs are no change; the provider's markers are not user metadata.
describe("ApiKey: inputs that mean the same are no change", () => {
  let stack: TestStack;
  let args: ApiKeyArgs;
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new ApiKey("k", args);
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("names as a string vs a list, explicit defaults: same key, nothing replaced", async () => {
    args = { name: "equivalent", roleDescriptors: { reader: { cluster: ["monitor"], indices: [{ names: "logs-*", privileges: ["read"] }] } } };
    expect((await stack.engine.up()).ok).toBe(true);
    const before = (await stack.engine.readState()).resources.find((r) => r.type === API_KEY_TYPE)!.id;
    args = {
      name: "equivalent",
      roleDescriptors: {
        reader: {
          cluster: ["monitor"],
          indices: [{ names: ["logs-*"], privileges: ["read"], allow_restricted_indices: false }],
          run_as: [],
          metadata: {},
        },
      },
    };
    expect((await stack.engine.preview()).steps.find((s) => s.type === API_KEY_TYPE)?.op).toBe("same");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect((await stack.engine.readState()).resources.find((r) => r.type === API_KEY_TYPE)!.id).toBe(before);
    await expectLiveKeysMatchState(stack, API_KEY_TYPE);
  });

  it("a real change of privileges still replaces the key", async () => {
    args = { name: "equivalent", roleDescriptors: { reader: { cluster: ["monitor"], indices: [{ names: ["logs-*"], privileges: ["read", "write"] }] } } };
    const preview = await stack.engine.preview();
    expect(preview.steps.find((s) => s.type === API_KEY_TYPE)?.op).toBe("replace");
  });

  it.each(["pulumi_elastic_keys_create_token", "pulumi_elastic_keys_owner"])("refuses the provider's marker %s as user metadata at preview", async (key) => {
    args = { name: "equivalent", metadata: { [key]: "mine" } };
    await expectRejectedAtPreview(stack, { property: `metadata.${key}` });
  });
});
