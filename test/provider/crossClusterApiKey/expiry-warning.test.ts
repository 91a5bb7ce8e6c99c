// `expiryWarning`: a key whose stored expiry is near makes preview and up warn, through the real host and the test
// engine, whose report shows host output as the CLI's Diagnostics section does (test/e2e-cli/expiry-warnings.test.ts
// holds the same text against the real CLI). Time moves with the provider's clock (PULUMI_ELASTIC_KEYS_NOW) and
// the emulator's together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import type { OperationResult } from "../../engine";
import { esCall } from "../../support/elastic";
import { expiryWarnings } from "../../support/diagnostics";
import { startTestStack, type TestStack, travel } from "../../support/stack";

const TYPE = "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey";
const DAY = 86_400_000;
const t0 = Date.parse("2026-01-01T00:00:00Z");
const access = { search: [{ names: ["logs-*"] }] };


function opOf(result: OperationResult, name: string) {
  return result.steps.find((s) => s.type === TYPE && s.name === name)?.op;
}

describe("CrossClusterApiKey expiryWarning: expiry shown at preview and up, from the state, without changing the plan", () => {
  let stack: TestStack;
  let args: CrossClusterApiKeyArgs;
  let keyId: string;
  const label = `${TYPE} (remote-logs)`;
  const advice =
    'Renew it before then: set rotateAfter (e.g. "30d") to have `pulumi up` replace it on a schedule, change triggers to replace it at the next up, or give expiration ' +
    "a new value to extend the key in place (its lifetime restarts from the `pulumi up` that sets it).";

  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("remote-logs", args);
      new CrossClusterApiKey("forever", { access }); // no expiration: never warns
    });
    travel(stack, t0);
    args = { access, expiration: "90d" };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    keyId = (await stack.engine.readState()).resources.find((r) => r.name === "remote-logs")?.id ?? "";
  });
  afterAll(async () => {
    await stack?.engine.destroy();
    await stack?.close();
  });

  it("outside the window (20 days left of 90d; default 14d) nothing is said", async () => {
    travel(stack, t0 + 70 * DAY);
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(expiryWarnings(preview)).toEqual([]);
    expect(preview.report).not.toContain("Diagnostics:");
  });

  it("within it, preview and both passes of up warn once each — resource, key id, date, what to do — and plan no change", async () => {
    travel(stack, t0 + 80 * DAY);
    stack.emulator.resetStats();
    const expected = `warning: ${label}: API key "${keyId}" expires on 2026-04-01 (in 10 days). ${advice} [expiryWarning 14d (the default); set it to "0" to turn this warning off]`;

    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(expiryWarnings(preview)).toEqual([expected]);
    expect(opOf(preview, "remote-logs")).toBe("same");

    const up = await stack.engine.up({ skipPreview: false });
    expect(up.ok, up.report).toBe(true);
    expect(expiryWarnings(up.preview as OperationResult)).toEqual([expected]);
    expect(expiryWarnings(up)).toEqual([expected]);
    expect(opOf(up, "remote-logs")).toBe("same");
    // Nothing was written: the warning came from the state, and no key changed.
    expect(stack.emulator.requests().filter((r) => !r.route.startsWith("GET "))).toEqual([]);
  });

  it("once per resource within one host process: `up --refresh` diffs twice (refresh, then update) and warns once", async () => {
    const up = await stack.engine.up({ refresh: true });
    expect(up.ok, up.report).toBe(true);
    expect(expiryWarnings(up)).toHaveLength(1);
  });

  it('expiryWarning "0" turns it off; a shorter window starts later; changing it is no change', async () => {
    args = { access, expiration: "90d", expiryWarning: "0" };
    const off = await stack.engine.preview();
    expect(off.ok, off.report).toBe(true);
    expect(expiryWarnings(off)).toEqual([]);
    expect(opOf(off, "remote-logs")).toBe("same");

    args = { access, expiration: "90d", expiryWarning: "5d" };
    expect(expiryWarnings(await stack.engine.preview())).toEqual([]);
    travel(stack, t0 + 86 * DAY);
    const late = await stack.engine.preview();
    expect(expiryWarnings(late)).toEqual([
      `warning: ${label}: API key "${keyId}" expires on 2026-04-01 (in 4 days). ${advice} [expiryWarning "5d"; set it to "0" to turn this warning off]`,
    ]);
    expect(opOf(late, "remote-logs")).toBe("same");
  });

  it("a rotation due earlier says that this plan replaces the key; one due later says when", async () => {
    args = { access, expiration: "90d", rotateAfter: "85d" };
    const due = await stack.engine.preview();
    expect(opOf(due, "remote-logs")).toBe("replace");
    expect(expiryWarnings(due)).toEqual([
      `warning: ${label}: API key "${keyId}" expires on 2026-04-01 (in 4 days). This plan replaces it (rotateAfter): \`pulumi up\` creates the new key before invalidating this one. [expiryWarning 14d (the default); set it to "0" to turn this warning off]`,
    ]);

    args = { access, expiration: "90d", rotateAfter: "88d" };
    const later = await stack.engine.preview();
    expect(opOf(later, "remote-logs")).toBe("update"); // rotateAfter is stored; nothing is due yet
    expect(expiryWarnings(later)[0]).toContain(
      "expires on 2026-04-01 (in 4 days). rotateAfter (88d) has `pulumi up` replace it from 2026-03-30 on: make sure one runs between then and the expiry",
    );
  });

  it("an expired key: the existing replacement, and a warning that says so; after up, silence", async () => {
    args = { access, expiration: "90d" };
    travel(stack, t0 + 92 * DAY + 3_600_000);
    const preview = await stack.engine.preview();
    expect(opOf(preview, "remote-logs")).toBe("replace");
    expect(expiryWarnings(preview)).toEqual([
      `warning: ${label}: API key "${keyId}" expired on 2026-04-01 (2 days ago) and no longer authenticates. This plan replaces it (expiration): run \`pulumi up\` now to create the new key, and hand it to whatever used this one. [expiryWarning 14d (the default); set it to "0" to turn this warning off]`,
    ]);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(opOf(up, "remote-logs")).toBe("replace");
    expect(expiryWarnings(await stack.engine.preview())).toEqual([]);
  });

  it("a key without expiration never warned", () => {
    expect(stack.engine.hostLogs().filter((line) => line.includes("(forever)"))).toEqual([]);
  });
});

describe("CrossClusterApiKey expiryWarning for short-lived and adopted keys", () => {
  let stack: TestStack;
  let args: CrossClusterApiKeyArgs;
  let resourceName = "short";
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey(resourceName, args);
    });
    travel(stack, t0);
  });
  afterAll(async () => {
    await stack?.engine.destroy();
    await stack?.close();
  });

  it("a 7d key is not warned about all its life: by default the window is a third of it (2d 8h)", async () => {
    args = { access, expiration: "7d" };
    expect((await stack.engine.up()).ok).toBe(true);
    travel(stack, t0 + 1 * DAY);
    expect(expiryWarnings(await stack.engine.preview())).toEqual([]);
    travel(stack, t0 + 4 * DAY + 12 * 3_600_000);
    expect(expiryWarnings(await stack.engine.preview())).toEqual([]);
    travel(stack, t0 + 5 * DAY);
    const near = await stack.engine.preview();
    expect(expiryWarnings(near)).toHaveLength(1);
    expect(expiryWarnings(near)[0]).toContain('expires on 2026-01-08 (in 2 days).');
    expect(expiryWarnings(near)[0]).toContain('[expiryWarning 2d 8h (the default for expiration "7d": a third of it); set it to "0" to turn this warning off]');
  });

  it("an adopted key that expires (no expiration input) warns with the default window", async () => {
    await stack.engine.destroy();
    travel(stack, t0 + 10 * DAY);
    const made = await esCall(stack.emulator, "POST", "/_security/cross_cluster/api_key", { name: "hand-made", access, expiration: "20d" });
    const id = (made.json as { id: string }).id;
    args = { name: "hand-made", adoptKeyId: id, access };
    // Another resource: a destroyed resource's URN has had a key, and adoptKeyId applies to a first key only.
    resourceName = "adopted";
    const adopted = await stack.engine.up();
    expect(adopted.ok, adopted.report).toBe(true);
    expect((await stack.engine.readState()).resources.find((r) => r.name === "adopted")?.id).toBe(id);
    travel(stack, t0 + 20 * DAY);
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(opOf(preview, "adopted")).toBe("same");
    expect(expiryWarnings(preview)).toEqual([
      `warning: ${TYPE} (adopted): API key "${id}" expires on 2026-01-31 (in 10 days). Renew it before then: set rotateAfter (e.g. "30d") to have \`pulumi up\` replace it on a schedule, change triggers to replace it at the next up, or give expiration a new value to extend the key in place (its lifetime restarts from the \`pulumi up\` that sets it). [expiryWarning 14d (the default); set it to "0" to turn this warning off]`,
    ]);
  });
});
