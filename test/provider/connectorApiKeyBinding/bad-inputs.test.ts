import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKeyBinding, type ConnectorApiKeyBindingArgs } from "../../../provider";
import { expectRejectedAtPreview } from "../../support/preview";
import { startTestStack, type TestStack } from "../../support/stack";

const valid: ConnectorApiKeyBindingArgs = { connectorId: "c1", apiKeyId: "key-id", apiKeySecretId: "secret-id" };

/** Each row: inputs the provider refuses at preview, and the property path the failure must name. */
const cases: Array<[string, Record<string, unknown>, string]> = [
  ["connectorId missing", { connectorId: undefined }, "connectorId"],
  ["connectorId empty", { connectorId: "" }, "connectorId"],
  ["connectorId not a string", { connectorId: 42 }, "connectorId"],
  ["apiKeyId missing", { apiKeyId: undefined }, "apiKeyId"],
  ["apiKeyId empty", { apiKeyId: "" }, "apiKeyId"],
  ["apiKeyId not a string", { apiKeyId: ["a", "b"] }, "apiKeyId"],
  ["apiKeySecretId empty", { apiKeySecretId: "" }, "apiKeySecretId"],
  ["apiKeySecretId not a string", { apiKeySecretId: true }, "apiKeySecretId"],
  ["unknown top-level input", { apiKeySecret: "oops" }, "apiKeySecret"],
  ["endpoint without scheme", { connection: { endpoints: ["localhost:9200"] } }, "connection.endpoints"],
  ["unknown connection setting", { connection: { user: "elastic" } }, "connection.user"],
];

describe("ConnectorApiKeyBinding rejects bad inputs at preview, naming the property, with zero requests", () => {
  let stack: TestStack;
  let current: Record<string, unknown> = {};
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new ConnectorApiKeyBinding("bad", { ...valid, ...current } as ConnectorApiKeyBindingArgs);
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(cases)("%s", async (_title, override, property) => {
    current = override;
    await expectRejectedAtPreview(stack, { property });
  });

  it("a missing required id says what it must name", async () => {
    current = { connectorId: undefined };
    const preview = await stack.engine.preview();
    expect(preview.report).toContain("connectorId is required: the id of an existing connector");
  });

  it("a valid configuration passes preview (the table is not failing for another reason)", async () => {
    current = {};
    stack.emulator.resetStats();
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(stack.emulator.stats().requests.total).toBe(0);
  });
});
