// `expiryWarning` on REST API keys: an ApiKey on its own and the one a ConnectorApiKey makes (the component passes
// its `expiryWarning` down). Renewing a REST key means a new key (any change replaces it), and the warning says so.
// Time moves with the provider's clock (PULUMI_ELASTIC_KEYS_NOW) and the emulator's together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKey, type ApiKeyArgs, ConnectorApiKey } from "../../../provider";
import type { OperationResult } from "../../engine";
import { expiryWarnings } from "../../support/diagnostics";
import { startTestStack, type TestStack, travel } from "../../support/stack";
import { createConnector } from "../connectorApiKeyBinding/remote";

const TYPE = "pulumi-nodejs:dynamic/elastic:ApiKey";
const DAY = 86_400_000;
const t0 = Date.parse("2026-01-01T00:00:00Z");


describe("ApiKey expiryWarning, alone and inside ConnectorApiKey", () => {
  let stack: TestStack;
  let keyArgs: ApiKeyArgs;
  let connectorWarning: string | undefined;
  const ids = async () => Object.fromEntries((await stack.engine.readState()).resources.filter((r) => r.type === TYPE).map((r) => [r.name, r.id]));

  beforeAll(async () => {
    stack = await startTestStack(() => {
      new ApiKey("reader", keyArgs);
      new ConnectorApiKey("crawler", { connectorId: "crawler", indexName: "search-crawler", expiration: "60d", expiryWarning: connectorWarning });
    });
    await createConnector(stack.emulator, "crawler", { indexName: "search-crawler" });
    travel(stack, t0);
    keyArgs = { roleDescriptors: {}, expiration: "90d" };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
  });
  afterAll(async () => {
    await stack?.engine.destroy();
    await stack?.close();
  });

  it("outside every window nothing is said", async () => {
    travel(stack, t0 + 10 * DAY);
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(expiryWarnings(preview)).toEqual([]);
  });

  it("within the window: preview and up warn, naming each key by type and name, and the plan is unchanged", async () => {
    travel(stack, t0 + 50 * DAY);
    const { reader, "crawler-key": crawler } = await ids();
    // The 60d key has 10 days left of it, in the default 14d window; the 90d key has 40.
    const expected = [
      `warning: ${TYPE} (crawler-key): API key "${crawler}" expires on 2026-03-02 (in 10 days). Renew it before then: give expiration a new value, and \`pulumi up\` replaces the key with a new one (created before this one is invalidated). [expiryWarning 14d (the default); set it to "0" to turn this warning off]`,
    ];
    const up = await stack.engine.up({ skipPreview: false });
    expect(up.ok, up.report).toBe(true);
    expect(expiryWarnings(up.preview as OperationResult)).toEqual(expected);
    expect(expiryWarnings(up)).toEqual(expected);
    expect(up.steps.filter((s) => s.type === TYPE).map((s) => s.op)).toEqual(["same", "same"]);
    expect(reader).toBeDefined();
  });

  it('expiryWarning "0" on the component turns it off for its key, and is no change', async () => {
    connectorWarning = "0";
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(expiryWarnings(preview)).toEqual([]);
    expect(preview.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`)).toEqual([]);
  });

  it("an expired ApiKey: its replacement (as before), and a warning that says so; none for the one turned off", async () => {
    const { reader } = await ids();
    travel(stack, t0 + 91 * DAY + 3_600_000);
    const preview = await stack.engine.preview();
    expect(preview.steps.find((s) => s.name === "reader")?.op).toBe("replace");
    expect(expiryWarnings(preview)).toEqual([
      `warning: ${TYPE} (reader): API key "${reader}" expired on 2026-04-01 (1 day ago) and no longer authenticates. This plan replaces it (expiration): run \`pulumi up\` now to create the new key, and hand it to whatever used this one. [expiryWarning 14d (the default); set it to "0" to turn this warning off]`,
    ]);
  });
});
