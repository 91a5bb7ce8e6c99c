import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { expectRejectedAtPreview } from "../../support/preview";
import { startTestStack, type TestStack } from "../../support/stack";
import { CCK_TYPE, expectLiveKeysMatchState } from "./inventory";

// Issue #14, cases 13 and 14: previews show what changes, and only that.
describe("CrossClusterApiKey previews show only what changes", () => {
  let stack: TestStack;
  let args: CrossClusterApiKeyArgs;
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("k", args);
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(["pulumi_elastic_keys_create_token", "pulumi_elastic_keys_owner"])("refuses the provider's marker %s as user metadata at preview", async (key) => {
    args = { name: "honest", access: { search: [{ names: ["logs-*"] }] }, metadata: { [key]: "mine" } };
    await expectRejectedAtPreview(stack, { property: `metadata.${key}` });
  });

  it("after a refresh, an update previews only the property that changes", async () => {
    args = { name: "honest", access: { search: [{ names: "logs-*" }] } };
    expect((await stack.engine.up()).ok).toBe(true);
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    expect(refresh.steps.filter((s) => s.op === "refresh-drift")).toEqual([]);

    args = { ...args, expiration: "30d" };
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === CCK_TYPE)!;
    expect(step.op).toBe("update");
    expect(step.diffs.map((d) => d.property)).toEqual(["expiration"]);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect((await stack.engine.preview()).steps.find((s) => s.type === CCK_TYPE)?.op).toBe("same");
    await expectLiveKeysMatchState(stack);
  });
});
