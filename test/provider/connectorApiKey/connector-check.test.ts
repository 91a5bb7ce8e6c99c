import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKey, type ConnectorApiKeyArgs } from "../../../provider";
import { itRejectsEachAtPreview, type RefusalRow } from "../../support/preview";
import { startTestStack, type TestStack } from "../../support/stack";
import { connectorDoc, createConnector, writes } from "../connectorApiKeyBinding/remote";
import { BINDING, expectInventoryMatchesState, KEY, SECRET } from "./inventory";

let args: ConnectorApiKeyArgs;
const program = () => {
  new ConnectorApiKey("sp", args);
};

/** Issue #14, case 8: a mistyped connectorId creates nothing — no key, no secret — and says so. */
describe("ConnectorApiKey verifies the connector before creating anything", () => {
  let stack: TestStack;
  const inState = async () => (await stack.engine.readState()).resources.map((r) => r.type).filter((t) => [KEY, SECRET, BINDING].includes(t));

  beforeAll(async () => {
    stack = await startTestStack(program);
    await createConnector(stack.emulator, "real-connector", { indexName: "search-real", native: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("a mistyped connectorId: up fails naming it, and no key, secret or binding exists anywhere", async () => {
    args = { connectorId: "real-conector", indexName: "search-real", managed: true };
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    const message = up.errors.map((e) => e.message).join("\n");
    expect(message).toContain('connector "real-conector" does not exist (connectorId)');
    expect(message).toContain("Nothing was created");
    expect(writes(stack.emulator)).toEqual([]);
    expect(await inState()).toEqual([]);
    await expectInventoryMatchesState(stack);
  });

  it("the same, when the connector id is only known at up (an Output)", async () => {
    args = { connectorId: pulumi.output("real-conector"), indexName: pulumi.output("search-real"), managed: true };
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.errors.map((e) => e.message).join("\n")).toContain('connector "real-conector" does not exist');
    expect(await inState()).toEqual([]);
    await expectInventoryMatchesState(stack);
  });

  it("corrected, the next up creates the key, the secret and the binding", async () => {
    args = { connectorId: "real-connector", indexName: "search-real", managed: true };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect((await inState()).sort()).toEqual([BINDING, KEY, SECRET].sort());
    expect(connectorDoc(stack.emulator, "real-connector").api_key_id).not.toBe("");
    await expectInventoryMatchesState(stack);
  });

  it("a connector deleted before the binding: the error says what exists; destroy removes it all", async () => {
    await stack.engine.destroy();
    args = { connectorId: "real-connector", indexName: "search-real", managed: true };
    // The connector vanishes between the verification and the binding (the PUT of the binding answers 404).
    stack.emulator.faults.inject({
      target: "es",
      method: "PUT",
      path: "/_connector/real-connector/_api_key_id",
      fault: { kind: "status", status: 404 },
    });
    const up = await stack.engine.up();
    stack.emulator.faults.clear();
    expect(up.ok).toBe(false);
    const message = up.errors.map((e) => e.message).join("\n");
    const [key] = (await stack.engine.readState()).resources.filter((r) => r.type === KEY);
    const [secret] = (await stack.engine.readState()).resources.filter((r) => r.type === SECRET);
    expect(message).toContain(`The connector was not bound to API key "${key!.id}" and connector secret "${secret!.id}", which this binding left untouched`);
    await expectInventoryMatchesState(stack);
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    await expectInventoryMatchesState(stack);
  });
});

/** Issue #14, case 9: the key gets `all` on indexName, so anything but one concrete index is refused at preview. */
describe("ConnectorApiKey refuses an index pattern at preview", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(program);
  });
  afterAll(async () => {
    await stack?.close();
  });
  const asOutput = (indexName: string) => (name: string) => {
    new ConnectorApiKey(name, { connectorId: "c1", indexName: pulumi.output(indexName) });
  };
  const plain = (indexName: string) => (name: string) => {
    new ConnectorApiKey(name, { connectorId: "c1", indexName });
  };
  const rows: RefusalRow[] = [
    ["indexName '*'", asOutput("*"), { property: "indexName", message: /indexName must be one concrete index name/ }],
    ["indexName 'search-*'", asOutput("search-*"), { property: "indexName" }],
    ["indexName 'search-?'", asOutput("search-?"), { property: "indexName" }],
    ["indexName 'a,b'", asOutput("search-a,search-b"), { property: "indexName" }],
    ["indexName '-excluded'", asOutput("-search-a"), { property: "indexName" }],
    ["indexName '_all'", asOutput("_all"), { property: "indexName" }],
    ["indexName date math", asOutput("<search-{now/d}>"), { property: "indexName" }],
    ["indexName regular expression", asOutput("/search-.*/"), { property: "indexName" }],
    ["indexName upper case", asOutput("Search-A"), { property: "indexName" }],
    ["indexName '*' as a plain string", plain("*"), { property: "indexName" }],
    ["indexName 'logs-*' as a plain string", plain("logs-*"), { property: "indexName", message: /indexName must be one concrete index name/ }],
  ];
  itRejectsEachAtPreview(() => stack, rows);
});
