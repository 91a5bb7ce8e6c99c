import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConnectionArgs, CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../../provider";
import { expectRejectedAtPreview, itRejectsEachAtPreview } from "../../support/preview";
import { REPO_ROOT, startTestStack, type TestStack } from "../../support/stack";

const valid: CrossClusterApiKeyArgs = { name: "ok", access: { search: [{ names: ["logs-*"] }] } };

/** `{ level: { level: … { level: 1 } } }`, `keys` keys deep. */
const nested = (keys: number): Record<string, unknown> => (keys === 1 ? { level: 1 } : { level: nested(keys - 1) });

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
  // Wrong types
  ["name that is not a string", { name: 42 }, "name"],
  ["access that is not an object", { access: "search:logs-*" }, "access"],
  ["search that is not a list", { access: { search: { names: ["a"] } } }, "access.search"],
  ["a names entry that is not a string", { access: { search: [{ names: ["a", 7] }] } }, "access.search[0].names"],
  ["query that is a number", { access: { search: [{ names: ["a"], query: 42 }] } }, "access.search[0].query"],
  ["fieldSecurity.grant that is not a list", { access: { search: [{ names: ["a"], fieldSecurity: { grant: "*" } }] } }, "access.search[0].fieldSecurity.grant"],
  ["allowRestrictedIndices that is not a boolean", { access: { replication: [{ names: ["a"], allowRestrictedIndices: "yes" }] } }, "access.replication[0].allowRestrictedIndices"],
  ["expiration that is a number", { expiration: 30 }, "expiration"],
  ["rotateAfter that is a number", { rotateAfter: 86_400 }, "rotateAfter"],
  ["metadata that is a list", { metadata: ["team", "platform"] }, "metadata"],
  ["adoptKeyId that is a number", { adoptKeyId: 12_345 }, "adoptKeyId"],
  ["triggers that is a list", { triggers: ["2026-11"] }, "triggers"],
  ["a trigger value that is a number", { triggers: { rotation: 202611 } }, "triggers.rotation"],
  // Reported on the resource (property ""): the CLI would print the (secret) connection input next to a failure on it.
  ["connection that is a string", { connection: "https://localhost:9200" }, ""],
  ["connection.endpoints as a single string", { connection: { endpoints: "https://localhost:9200" } }, "connection.endpoints"],
  ["connection.insecure as a string", { connection: { insecure: "true" } }, "connection.insecure"],
  // Names and index patterns: empty, hidden characters, text with no UTF-8 form, too long to match anything
  ["name of whitespace only", { name: "   " }, "name"],
  ["name with a control character inside", { name: "replication\u0007key" }, "name"],
  ["name with a line break inside", { name: "first line\nsecond line" }, "name"],
  ["name with a lone surrogate (no UTF-8 form)", { name: "key-\uDC00" }, "name"],
  ["an empty index name in a list", { access: { search: [{ names: ["logs-*", ""] }] } }, "access.search[0].names[1]"],
  ["index pattern with a trailing space", { access: { search: [{ names: ["logs-* "] }] } }, "access.search[0].names[0]"],
  ["index pattern with a NUL", { access: { replication: [{ names: ["logs-\u0000"] }] } }, "access.replication[0].names[0]"],
  ["index pattern with a lone surrogate", { access: { search: [{ names: "logs-\uDFFF" }] } }, "access.search[0].names"],
  ["index pattern of more than 255 bytes", { access: { search: [{ names: [`logs-${"é".repeat(130)}-*`] }] } }, "access.search[0].names[0]"],
  // Huge values
  ["100 000 index patterns (access over 1 MiB)", { access: { search: [{ names: Array.from({ length: 100_000 }, (_, i) => `logs-${i}-*`) }] } }, "access"],
  ["metadata value over Lucene's 32766-byte term limit", { metadata: { note: "x".repeat(40_000) } }, "metadata.note"],
  ["metadata nested 21 keys deep (flattened depth limit 20)", { metadata: nested(21) }, `metadata${".level".repeat(20)}`],
  ["metadata over 1 MiB of JSON", { metadata: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`part${i}`, "x".repeat(30_000)])) }, "metadata"],
  ["metadata key with a NUL (the flattened field's separator)", { metadata: { team: { "a\u0000b": 1 } } }, "metadata.team.a\u0000b"],
  ["metadata value with a lone surrogate", { metadata: { owner: "team-\uD83D" } }, "metadata.owner"],
  ["metadata key with a lone surrogate", { metadata: { "k\uDC00": 1 } }, "metadata"],
  // Durations
  ["negative expiration", { expiration: "-7d" }, "expiration"],
  ["fractional expiration", { expiration: "1.5d" }, "expiration"],
  ["expiration beyond 100 years", { expiration: "36501d" }, "expiration"],
  ["rotateAfter of zero", { rotateAfter: "0s" }, "rotateAfter"],
  // expiryWarning: a duration, or "0" for off
  ["expiryWarning without unit", { expiryWarning: "14" }, "expiryWarning"],
  ["expiryWarning in words", { expiryWarning: "two weeks" }, "expiryWarning"],
  ["negative expiryWarning", { expiryWarning: "-1" }, "expiryWarning"],
  ["expiryWarning that is a number", { expiryWarning: 14 }, "expiryWarning"],
  ["expiryWarning beyond 100 years", { expiryWarning: "36501d" }, "expiryWarning"],
  ["expiryWarning not shorter than expiration (it would warn from day one)", { expiration: "7d", expiryWarning: "7d" }, "expiryWarning"],
  ["expiryWarning longer than expiration", { expiration: "12h", expiryWarning: "14d" }, "expiryWarning"],
  // Ids
  ["adoptKeyId with a trailing newline", { adoptKeyId: "VuaCfGcBCdbkQm-e5aOx\n" }, "adoptKeyId"],
  ["adoptKeyId longer than 512 bytes", { adoptKeyId: "k".repeat(513) }, "adoptKeyId"],
  // Unknown fields
  ["unknown field in an access entry", { access: { search: [{ names: ["a"], indices: ["b"] }] } }, "access.search[0].indices"],
  ["unknown field in fieldSecurity", { access: { search: [{ names: ["a"], fieldSecurity: { grant: ["*"], deny: ["secret"] } }] } }, "access.search[0].fieldSecurity.deny"],
  ["misspelt connection setting", { connection: { endpoint: "https://localhost:9200" } }, "connection.endpoint"],
  // Connection values
  ["endpoint with a query string", { connection: { endpoints: ["https://localhost:9200?pretty"] } }, "connection.endpoints"],
  ["CA file that is not PEM", { connection: { caCert: path.join(REPO_ROOT, "package.json") } }, "connection.caCert"],
  ["username holding user:password", { connection: { username: "elastic:changeme" } }, "connection.username"],
  ["apiKey with a space inside", { connection: { apiKey: "abc def" } }, "connection.apiKey"],
  // certificateIdentity (a DN pattern, compiled as a Java regex by Elasticsearch 9.3+)
  ["empty certificateIdentity", { certificateIdentity: "" }, "certificateIdentity"],
  ["certificateIdentity with a trailing space", { certificateIdentity: "CN=remote-.*,O=Example " }, "certificateIdentity"],
  ["certificateIdentity with a leading space", { certificateIdentity: " CN=remote" }, "certificateIdentity"],
  ["certificateIdentity with a line break", { certificateIdentity: "CN=remote\n" }, "certificateIdentity"],
  ["certificateIdentity with a NUL", { certificateIdentity: "CN=re\u0000mote" }, "certificateIdentity"],
  ["certificateIdentity with a lone surrogate", { certificateIdentity: "CN=remote-\uD800" }, "certificateIdentity"],
  ["certificateIdentity longer than 1024 characters", { certificateIdentity: `CN=${"a".repeat(1022)}` }, "certificateIdentity"],
  ["certificateIdentity with an unclosed group", { certificateIdentity: "CN=(remote|local,O=Example" }, "certificateIdentity"],
  ["certificateIdentity with a ) without (", { certificateIdentity: "CN=remote),O=Example" }, "certificateIdentity"],
  ["certificateIdentity ending in a lone backslash", { certificateIdentity: "CN=remote\\" }, "certificateIdentity"],
  ["certificateIdentity that is a number", { certificateIdentity: 42 }, "certificateIdentity"],
  ["certificateIdentity that is a list", { certificateIdentity: ["CN=a", "CN=b"] }, "certificateIdentity"],
];

describe("CrossClusterApiKey rejects bad inputs at preview, naming the property, with zero requests", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("valid", valid);
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  itRejectsEachAtPreview(
    () => stack,
    cases.map(([title, override, property]) => [
      title,
      (name: string) => new CrossClusterApiKey(name, { ...valid, ...override } as CrossClusterApiKeyArgs),
      { property },
    ]),
  );

  it("a valid configuration passes preview (the table is not failing for another reason)", async () => {
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
  });
});

/**
 * `CrossClusterApiKey.get` runs no Check (the engine reads without one): a literal id is refused in the program, an
 * id that is an output when it resolves, and the connection by the read before any request — each naming the property.
 */
const getCases: Array<[string, pulumi.Input<string>, ConnectionArgs | undefined, RegExp]> = [
  ["empty id", "", undefined, /id must not be empty/],
  ["id with a trailing newline", "VuaCfGcBCdbkQm-e5aOx\n", undefined, /\bid\b.*(whitespace|line|control)/],
  ["id longer than 512 bytes", "k".repeat(513), undefined, /\bid\b.*512/],
  ["id that is not a string", 12_345 as unknown as string, undefined, /id must be a string/],
  ["id output that resolves to an empty string", pulumi.output(""), undefined, /id must not be empty/],
  ["connection endpoint without scheme", "VuaCfGcBCdbkQm-e5aOx", { endpoints: ["localhost:9200"] }, /connection\.endpoints/],
  ["misspelt connection setting", "VuaCfGcBCdbkQm-e5aOx", { endpoint: "https://localhost:9200" } as unknown as ConnectionArgs, /connection\.endpoint\b/],
];

describe("CrossClusterApiKey.get rejects bad inputs at preview, naming the property, with zero requests", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(() => undefined);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(getCases)("%s", async (_title, id, connection, message) => {
    stack.setProgram(() => {
      CrossClusterApiKey.get("bad-get", id, connection === undefined ? {} : { connection });
    });
    await expectRejectedAtPreview(stack, { message });
  });
});
