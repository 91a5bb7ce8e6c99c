import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKey, ConnectorApiKey, type ConnectorApiKeyArgs, ConnectorSecret } from "../../../provider";
import { expectRejectedAtPreview, itRejectsEachAtPreview, type RefusalRow } from "../../support/preview";
import { startTestStack, type TestStack } from "../../support/stack";

const valid: ConnectorApiKeyArgs = { connectorId: "c1", indexName: "search-c1", managed: true };
const component = (override: Record<string, unknown>) => (name: string) => {
  new ConnectorApiKey(name, { ...valid, ...override } as ConnectorApiKeyArgs);
};

/** Each row: a program the provider refuses at preview, and the property (or message) the failure must name. */
const cases: RefusalRow[] = [
  ["component: indexName empty", component({ indexName: "" }), { message: /ConnectorApiKey "bad": indexName is required/ }],
  ["component: connectorId missing", component({ connectorId: undefined }), { message: /connectorId is required/ }],
  ["component: managed not a boolean", component({ managed: "yes" }), { message: /managed must be true or false/ }],
  ["component: key name with a leading underscore", component({ keyName: "_reserved" }), { property: "name" }],
  ["component: bad expiration", component({ expiration: "30 days" }), { property: "expiration" }],
  ["component: reserved metadata key", component({ metadata: { _internal: 1 } }), { property: "metadata._internal" }],
  ["component: endpoint without scheme", component({ connection: { endpoints: ["localhost:9200"] } }), { property: "connection.endpoints" }],
  [
    "ApiKey: role descriptor without index names",
    (name: string) => new ApiKey(name, { roleDescriptors: { r: { indices: [{ names: [], privileges: ["read"] }] } } }),
    { property: "roleDescriptors.r.indices[0].names" },
  ],
  [
    "ApiKey: role descriptor without privileges",
    (name: string) => new ApiKey(name, { roleDescriptors: { r: { indices: [{ names: ["a"] }] } } as never }),
    { property: "roleDescriptors.r.indices[0].privileges" },
  ],
  ["ApiKey: unknown input", (name: string) => new ApiKey(name, { access: {} } as never), { property: "access" }],
  ["ConnectorSecret: empty value", (name: string) => new ConnectorSecret(name, { value: "" }), { property: "", message: /value must not be empty/ }],
  ["ConnectorSecret: value not a string", (name: string) => new ConnectorSecret(name, { value: 42 as never }), { property: "", message: /value must be a string/ }],
  // More of the component
  ["component: connectorId with a space inside", component({ connectorId: "c 1" }), { property: "connectorId" }],
  ["component: indexName with a trailing space", component({ indexName: "search-c1 " }), { property: "indexName" }],
  ["component: metadata value with a lone surrogate", component({ metadata: { owner: "team-\uDC00" } }), { property: "metadata.owner" }],
  ["component: expiration beyond 100 years", component({ expiration: "50000d" }), { property: "expiration" }],
  // ApiKey: wrong types, names, metadata, role descriptors, unknown fields
  ["ApiKey: name that is not a string", (name: string) => new ApiKey(name, { name: 7 as never }), { property: "name" }],
  ["ApiKey: name with a NUL inside", (name: string) => new ApiKey(name, { name: "connector\u0000key" }), { property: "name" }],
  ["ApiKey: reserved metadata key", (name: string) => new ApiKey(name, { metadata: { _meta: 1 } }), { property: "metadata._meta" }],
  ["ApiKey: metadata value over Lucene's 32766-byte term limit", (name: string) => new ApiKey(name, { metadata: { blob: "b".repeat(40_000) } }), { property: "metadata.blob" }],
  ["ApiKey: metadata that is a string", (name: string) => new ApiKey(name, { metadata: "team=search" as never }), { property: "metadata" }],
  ["ApiKey: roleDescriptors that is a list", (name: string) => new ApiKey(name, { roleDescriptors: [] as never }), { property: "roleDescriptors" }],
  ["ApiKey: misspelt role descriptor field", (name: string) => new ApiKey(name, { roleDescriptors: { r: { indicies: [] } } as never }), { property: "roleDescriptors.r.indicies" }],
  [
    "ApiKey: index name with a lone surrogate",
    (name: string) => new ApiKey(name, { roleDescriptors: { r: { indices: [{ names: ["search-\uDC00"], privileges: ["read"] }] } } }),
    { property: "roleDescriptors.r.indices[0].names[0]" },
  ],
  [
    "ApiKey: index name of more than 255 bytes",
    (name: string) => new ApiKey(name, { roleDescriptors: { r: { indices: [{ names: "i".repeat(256), privileges: ["read"] }] } } }),
    { property: "roleDescriptors.r.indices[0].names" },
  ],
  [
    "ApiKey: role descriptors over 1 MiB",
    (name: string) =>
      new ApiKey(name, {
        roleDescriptors: { r: { indices: [{ names: Array.from({ length: 100_000 }, (_, i) => `search-${i}`), privileges: ["read"] }] } },
      }),
    { property: "roleDescriptors" },
  ],
  ["ApiKey: expiryWarning without unit", (name: string) => new ApiKey(name, { expiryWarning: "14" }), { property: "expiryWarning" }],
  ["ApiKey: expiryWarning not shorter than expiration", (name: string) => new ApiKey(name, { expiration: "30d", expiryWarning: "30d" }), { property: "expiryWarning" }],
  ["component: expiryWarning longer than expiration", component({ expiration: "1d", expiryWarning: "14d" }), { property: "expiryWarning" }],
  ["ApiKey: expiration that is a number", (name: string) => new ApiKey(name, { expiration: 90 as never }), { property: "expiration" }],
  ["ApiKey: unknown connection setting", (name: string) => new ApiKey(name, { connection: { url: "https://localhost:9200" } as never }), { property: "connection.url" }],
  // ConnectorSecret
  ["ConnectorSecret: value with a lone surrogate", (name: string) => new ConnectorSecret(name, { value: "Secret-Value-52\uDC00" }), { property: "", message: /value contains a lone UTF-16 surrogate.*the value is not shown/ }],
  ["ConnectorSecret: unknown input", (name: string) => new ConnectorSecret(name, { value: "x", secretValue: "y" } as never), { property: "secretValue" }],
];

describe("ConnectorApiKey and its pieces reject bad inputs at preview, with zero requests", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(() => undefined);
  });
  afterAll(async () => {
    await stack?.close();
  });

  // The ApiKey and ConnectorSecret rows share one preview. Component rows get a preview each: a component may throw
  // in the program, and its binding registers only once its key has, so a refusal elsewhere in a shared preview
  // would stop it before its Check.
  const isComponent = ([title]: RefusalRow) => title.startsWith("component:");
  itRejectsEachAtPreview(() => stack, cases.filter((row) => !isComponent(row)));

  it.each(cases.filter(isComponent))("%s", async (_title, declare, expected) => {
    stack.setProgram(() => declare("bad"));
    await expectRejectedAtPreview(stack, expected);
  });

  it("a valid configuration passes preview (the table is not failing for another reason)", async () => {
    stack.setProgram(() => component({})("bad"));
    stack.emulator.resetStats();
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(stack.emulator.stats().requests.total).toBe(0);
  });
});
