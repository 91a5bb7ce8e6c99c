import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { expectRejectedAtPreview } from "../../support/preview";
import { startTestStack, type TestStack } from "../../support/stack";

const valid: CrossClusterApiKeyArgs = { name: "ok", access: { search: [{ names: ["logs-*"] }] } };

/** Each row: inputs that Elasticsearch (or the provider) would refuse, and the property path preview must name. */
const cases: Array<[string, Record<string, unknown>, string]> = [
  ["both access lists absent", { access: {} }, "access"],
  ["both access lists empty", { access: { search: [], replication: [] } }, "access"],
  ["empty names string", { access: { search: [{ names: "" }] } }, "access.search[0].names"],
  ["empty names array", { access: { replication: [{ names: [] }] } }, "access.replication[0].names"],
  ["names of the wrong type", { access: { search: [{ names: 42 }] } }, "access.search[0].names"],
  ["unknown access key", { access: { search: [{ names: ["a"] }], monitor: [] } }, "access.monitor"],
  ["privileges are not allowed", { access: { search: [{ names: ["a"], privileges: ["read"] }] } }, "access.search[0].privileges"],
  ["query on replication", { access: { replication: [{ names: ["a"], query: { match_all: {} } }] } }, "access.replication[0].query"],
  ["DLS on search with replication (8.14+)", { access: { search: [{ names: ["a"], query: '{"match_all":{}}' }], replication: [{ names: ["b"] }] } }, "access.search[0].query"],
  ["FLS except without grant", { access: { search: [{ names: ["a"], fieldSecurity: { except: ["secret"] } }] } }, "access.search[0].fieldSecurity.except"],
  ["empty name", { name: "" }, "name"],
  ["name with leading underscore", { name: "_reserved" }, "name"],
  ["name with surrounding whitespace", { name: " padded " }, "name"],
  ["name longer than 256 characters", { name: "k".repeat(257) }, "name"],
  ["bad expiration unit", { expiration: "30 days" }, "expiration"],
  ["expiration without unit", { expiration: "30" }, "expiration"],
  ["bad rotateAfter", { rotateAfter: "soon" }, "rotateAfter"],
  ["rotateAfter not shorter than expiration", { expiration: "7d", rotateAfter: "7d" }, "rotateAfter"],
  ["metadata key starting with _", { metadata: { _internal: true } }, "metadata._internal"],
  ["metadata that is not an object", { metadata: "team=platform" }, "metadata"],
  ["unknown top-level input", { color: "blue" }, "color"],
  ["endpoint without scheme", { connection: { endpoints: ["localhost:9200"] } }, "connection.endpoints"],
  ["CA file that does not exist", { connection: { caCert: "/nonexistent/ca.pem" } }, "connection.caCert"],
  ["empty adoptKeyId", { adoptKeyId: "" }, "adoptKeyId"],
];

describe("CrossClusterApiKey rejects bad inputs at preview, naming the property, with zero requests", () => {
  let stack: TestStack;
  let current: Record<string, unknown> = {};
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("bad", { ...valid, ...current } as CrossClusterApiKeyArgs);
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(cases)("%s", async (_title, override, property) => {
    current = override;
    await expectRejectedAtPreview(stack, { property });
  });

  it("a valid configuration passes preview (the table is not failing for another reason)", async () => {
    current = {};
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
  });
});
