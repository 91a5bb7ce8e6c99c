import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { diffCrossClusterApiKey } from "../../../provider/crossClusterApiKey/diff";
import type { CrossClusterApiKeyOutputs } from "../../../provider/crossClusterApiKey/outputs";
import { UNKNOWN } from "../../../provider/unknowns";
import { crossClusterKeys } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";
import { CCK_TYPE, liveKeyInState } from "./inventory";

const access = { search: [{ names: ["logs-*"] }] };

describe("CrossClusterApiKey triggers: rotation on demand", () => {
  let stack: TestStack;
  let args: CrossClusterApiKeyArgs;
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("on-demand", args);
    });
  });
  afterAll(async () => {
    await stack?.engine.destroy();
    await stack?.close();
  });

  it("adding triggers to a key that had none replaces it, creating the new key before invalidating the old", async () => {
    args = { access };
    expect((await stack.engine.up()).ok).toBe(true);
    const old = await liveKeyInState(stack);
    args = { access, triggers: { rotation: "2026-11" } };
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === CCK_TYPE);
    expect(step?.op).toBe("replace");
    expect(step?.replaceReasons).toEqual(["triggers"]);
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const fresh = await liveKeyInState(stack);
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.outputs.triggers).toEqual({ rotation: "2026-11" });
    const routes = stack.emulator.requests().map((r) => r.route);
    expect(routes.indexOf("POST /_security/cross_cluster/api_key")).toBeLessThan(routes.indexOf("DELETE /_security/api_key"));
    expect(crossClusterKeys(stack.emulator).find((k) => k.id === old.id)?.invalidated).toBe(true);
  });

  it("unchanged triggers change nothing: no diff, no write, also after a refresh", async () => {
    const refresh = await stack.engine.refresh();
    expect(refresh.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("read");
    stack.emulator.resetStats();
    expect((await stack.engine.preview()).steps.find((s) => s.type === CCK_TYPE)?.op).toBe("same");
    const up = await stack.engine.up();
    expect(up.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("same");
    expect(stack.emulator.requests().filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("another value, or a removed trigger, rotates again; an access change alongside is part of the new key", async () => {
    const first = await liveKeyInState(stack);
    args = { access: { search: [{ names: ["logs-*", "metrics-*"] }] }, triggers: { rotation: "2026-12" } };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("replace");
    const second = await liveKeyInState(stack);
    expect(second.id).not.toBe(first.id);

    args = { access: { search: [{ names: ["logs-*", "metrics-*"] }] } };
    const removed = await stack.engine.up();
    expect(removed.steps.find((s) => s.type === CCK_TYPE)?.op).toBe("replace");
    expect((await liveKeyInState(stack)).id).not.toBe(second.id);
  });

  it("a trigger unknown at preview (computed from another resource) shows a replacement", async () => {
    const olds = (await liveKeyInState(stack)).outputs as unknown as CrossClusterApiKeyOutputs;
    const news = { name: olds.name, access: olds.access, connection: olds.connection };
    expect(diffCrossClusterApiKey(olds, { ...news, triggers: UNKNOWN }, Date.now()).replaces).toEqual(["triggers"]);
    expect(diffCrossClusterApiKey(olds, { ...news, triggers: { image: UNKNOWN } }, Date.now()).replaces).toEqual(["triggers"]);
    expect(diffCrossClusterApiKey(olds, { ...news, triggers: {} }, Date.now()).changes).toBe(false);
  });
});
