import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKeyBinding, type ConnectorApiKeyBindingArgs } from "../../../provider";
import { itRejectsEachAtPreview } from "../../support/preview";
import { REPO_ROOT, startTestStack, type TestStack } from "../../support/stack";

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
  // Bad connector ids
  ["connectorId that is an object", { connectorId: { id: "c1" } }, "connectorId"],
  ["connectorId with a trailing newline", { connectorId: "c1\n" }, "connectorId"],
  ["connectorId with a space inside", { connectorId: "my connector" }, "connectorId"],
  ["connectorId with a control character", { connectorId: "c\u00071" }, "connectorId"],
  ["connectorId with a lone surrogate (no UTF-8 form)", { connectorId: "c1\uDC00" }, "connectorId"],
  ["connectorId longer than 512 bytes", { connectorId: "c".repeat(513) }, "connectorId"],
  ["connectorId that is an API path word (_sync_job)", { connectorId: "_sync_job" }, "connectorId"],
  // Bad key and secret ids
  ["apiKeyId with a space inside", { apiKeyId: "key id" }, "apiKeyId"],
  ["apiKeyId longer than 512 bytes", { apiKeyId: "k".repeat(600) }, "apiKeyId"],
  ["apiKeyId with a lone surrogate", { apiKeyId: "key-\uDBFF" }, "apiKeyId"],
  ["apiKeySecretId with a NUL", { apiKeySecretId: "secret\u0000id" }, "apiKeySecretId"],
  ["apiKeySecretId that is a number", { apiKeySecretId: 7 }, "apiKeySecretId"],
  // Unknown fields and connection values
  ["misspelt top-level input (case)", { connectorID: "c1" }, "connectorID"],
  // Reported on the resource (property ""): the CLI would print the (secret) connection input next to a failure on it.
  ["connection that is a list", { connection: ["https://localhost:9200"] }, ""],
  ["empty connection.password", { connection: { password: "" } }, "connection.password"],
  ["CA path that is a directory", { connection: { caCert: path.join(REPO_ROOT, "test") } }, "connection.caCert"],
  ["bearerToken with its Bearer prefix", { connection: { bearerToken: "Bearer abc123" } }, "connection.bearerToken"],
  ["endpoint with the ftp:// scheme", { connection: { endpoints: ["ftp://localhost:9200"] } }, "connection.endpoints"],
  ["second endpoint without a scheme", { connection: { endpoints: ["https://a.example.com:9200", "b.example.com:9200"] } }, "connection.endpoints"],
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

  itRejectsEachAtPreview(
    () => stack,
    cases.map(([title, override, property]) => [
      title,
      (name: string) => new ConnectorApiKeyBinding(name, { ...valid, ...override } as ConnectorApiKeyBindingArgs),
      { property },
    ]),
  );

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
