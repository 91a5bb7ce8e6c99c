import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKey, ConnectorApiKey, type ConnectorApiKeyArgs, ConnectorSecret } from "../../../provider";
import { expectRejectedAtPreview, type Refusal } from "../../support/preview";
import { startTestStack, type TestStack } from "../../support/stack";

const valid: ConnectorApiKeyArgs = { connectorId: "c1", indexName: "search-c1", managed: true };
const component = (override: Record<string, unknown>) => () => {
  new ConnectorApiKey("bad", { ...valid, ...override } as ConnectorApiKeyArgs);
};

/** Each row: a program the provider refuses at preview, and the property (or message) the failure must name. */
const cases: Array<[string, () => void, Refusal]> = [
  ["component: indexName empty", component({ indexName: "" }), { message: /ConnectorApiKey "bad": indexName is required/ }],
  ["component: connectorId missing", component({ connectorId: undefined }), { message: /connectorId is required/ }],
  ["component: managed not a boolean", component({ managed: "yes" }), { message: /managed must be true or false/ }],
  ["component: key name with a leading underscore", component({ keyName: "_reserved" }), { property: "name" }],
  ["component: bad expiration", component({ expiration: "30 days" }), { property: "expiration" }],
  ["component: reserved metadata key", component({ metadata: { _internal: 1 } }), { property: "metadata._internal" }],
  ["component: endpoint without scheme", component({ connection: { endpoints: ["localhost:9200"] } }), { property: "connection.endpoints" }],
  [
    "ApiKey: role descriptor without index names",
    () => new ApiKey("k", { roleDescriptors: { r: { indices: [{ names: [], privileges: ["read"] }] } } }),
    { property: "roleDescriptors.r.indices[0].names" },
  ],
  [
    "ApiKey: role descriptor without privileges",
    () => new ApiKey("k", { roleDescriptors: { r: { indices: [{ names: ["a"] }] } } as never }),
    { property: "roleDescriptors.r.indices[0].privileges" },
  ],
  ["ApiKey: unknown input", () => new ApiKey("k", { access: {} } as never), { property: "access" }],
  ["ConnectorSecret: empty value", () => new ConnectorSecret("s", { value: "" }), { property: "value" }],
  ["ConnectorSecret: value not a string", () => new ConnectorSecret("s", { value: 42 as never }), { property: "value" }],
];

describe("ConnectorApiKey and its pieces reject bad inputs at preview, with zero requests", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(() => undefined);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(cases)("%s", async (_title, program, expected) => {
    stack.setProgram(program);
    await expectRejectedAtPreview(stack, expected);
  });

  it("a valid configuration passes preview (the table is not failing for another reason)", async () => {
    stack.setProgram(component({}));
    stack.emulator.resetStats();
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(stack.emulator.stats().requests.total).toBe(0);
  });
});
