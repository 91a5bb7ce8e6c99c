import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { crossClusterKeys } from "../../support/elastic";
import { startTestStack, type TestStack, travel } from "../../support/stack";
import { liveKeyInState } from "./inventory";

const TYPE = "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey";
const DAY = 86_400_000;


describe("CrossClusterApiKey rotateAfter and expiry", () => {
  let stack: TestStack;
  let args: CrossClusterApiKeyArgs;
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("rotating", args);
    });
    travel(stack, t0);
  });
  afterAll(async () => {
    await stack?.engine.destroy();
    await stack?.close();
  });

  it("before rotateAfter has elapsed nothing changes", async () => {
    args = { access: { search: [{ names: ["logs-*"] }] }, rotateAfter: "30d", expiration: "45d" };
    expect((await stack.engine.up()).ok).toBe(true);
    travel(stack, t0 + 29 * DAY);
    const preview = await stack.engine.preview();
    expect(preview.steps.find((s) => s.type === TYPE)?.op).toBe("same");
  });

  it("once rotateAfter has elapsed, preview shows a replacement and up creates the new key before invalidating the old", async () => {
    const old = await liveKeyInState(stack);
    travel(stack, t0 + 31 * DAY);
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === TYPE);
    expect(step?.op).toBe("replace");
    expect(step?.replaceReasons).toContain("rotateAfter");
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const fresh = await liveKeyInState(stack);
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.outputs.encoded).not.toBe(old.outputs.encoded);
    const routes = stack.emulator.requests().map((r) => r.route);
    expect(routes.indexOf("POST /_security/cross_cluster/api_key")).toBeLessThan(routes.indexOf("DELETE /_security/api_key"));
    expect(crossClusterKeys(stack.emulator).find((k) => k.id === old.id)?.invalidated).toBe(true);
    // The next preview is quiet again: the new key's clock started at its creation.
    expect((await stack.engine.preview()).steps.find((s) => s.type === TYPE)?.op).toBe("same");
  });

  it("an expired key shows as a replacement instead of silently reporting no changes", async () => {
    args = { access: { search: [{ names: ["logs-*"] }] }, expiration: "1d" };
    travel(stack, t0 + 40 * DAY);
    expect((await stack.engine.up()).ok).toBe(true); // expiration added: updated in place
    travel(stack, t0 + 42 * DAY);
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === TYPE);
    expect(step?.op).toBe("replace");
    expect(step?.replaceReasons).toContain("expiration");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const fresh = await liveKeyInState(stack);
    expect(Date.parse(fresh.outputs.expiration as string)).toBeGreaterThan(t0 + 42 * DAY);
  });

  it("removing the expiration replaces the key (it cannot be lifted in place)", async () => {
    args = { access: { search: [{ names: ["logs-*"] }] } };
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === TYPE);
    expect(step?.op).toBe("replace");
    expect(step?.replaceReasons).toContain("expiration");
    expect((await stack.engine.up()).ok).toBe(true);
    expect((await liveKeyInState(stack)).outputs.expiration).toBeUndefined();
  });

  it("refresh drops a key that expired", async () => {
    args = { access: { search: [{ names: ["logs-*"] }] }, expiration: "2d" };
    travel(stack, t0 + 50 * DAY);
    expect((await stack.engine.up()).ok).toBe(true);
    travel(stack, t0 + 53 * DAY);
    const refresh = await stack.engine.refresh();
    expect(refresh.steps.find((s) => s.type === TYPE)?.op).toBe("refresh-gone");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.find((s) => s.type === TYPE)?.op).toBe("create");
  });
});
