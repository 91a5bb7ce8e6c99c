import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKey } from "../../../provider";
import { proxyNotFound } from "../../emulator/faults";
import { startTestStack, type TestStack } from "../../support/stack";
import { BINDING, expectInventoryMatchesState, SECRET } from "../connectorApiKey/inventory";
import { connectorDoc, createConnector } from "./remote";

/**
 * Issue #14, case 5: "gone" means Elastic said gone. A proxy's 404 (ingress default backend, an HTML page) in front
 * of Elasticsearch must neither drop a binding or a connector secret at refresh nor count as "already deleted" at
 * destroy: it is an error naming what answered, and the state and Elasticsearch stay as they were.
 */
describe("a proxy's 404 is not Elastic's not-found (binding, connector secret)", () => {
  let stack: TestStack;
  const program = () => {
    new ConnectorApiKey("sp", { connectorId: "c1", indexName: "search-c1", managed: true });
  };
  const count = async (type: string) => (await stack.engine.readState()).resources.filter((r) => r.type === type).length;

  beforeAll(async () => {
    stack = await startTestStack(program);
    await createConnector(stack.emulator, "c1", { native: true });
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("refresh answered by a proxy's 404 fails naming what answered, and drops nothing", async () => {
    const { faults } = stack.emulator;
    faults.inject({ target: "es", method: "GET", path: "/_connector/c1", times: Infinity, fault: proxyNotFound("text") });
    faults.inject({ target: "es", method: "GET", path: /^\/_connector\/_secret\//, times: Infinity, fault: proxyNotFound("html") });
    const refresh = await stack.engine.refresh();
    faults.clear();
    expect(refresh.ok).toBe(false);
    const messages = refresh.errors.map((e) => e.message).join("\n");
    expect(messages).toContain("content-type text/plain");
    expect(messages).toContain("default backend - 404");
    expect(messages).toContain("content-type text/html");
    expect(refresh.steps.filter((s) => s.op === "refresh-gone")).toEqual([]);
    expect(await count(BINDING)).toBe(1);
    expect(await count(SECRET)).toBe(1);
    await expectInventoryMatchesState(stack, { connectorIds: [] });
  });

  it("destroy answered by a proxy's 404 fails and keeps the secret, the binding and the key in state", async () => {
    const { faults } = stack.emulator;
    faults.inject({ target: "es", method: "GET", path: "/_connector/c1", times: Infinity, fault: proxyNotFound("html") });
    faults.inject({ target: "es", method: "DELETE", path: /^\/_connector\/_secret\//, times: Infinity, fault: proxyNotFound("text") });
    const destroy = await stack.engine.destroy();
    faults.clear();
    expect(destroy.ok).toBe(false);
    expect(destroy.errors.map((e) => e.message).join("\n")).toContain("404");
    expect(await count(BINDING)).toBe(1);
    expect(await count(SECRET)).toBe(1);
    await expectInventoryMatchesState(stack);
  });

  it("once the proxy is fixed, destroy unbinds, deletes the secret and invalidates the key", async () => {
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(connectorDoc(stack.emulator, "c1").api_key_id).toBe("");
    await expectInventoryMatchesState(stack);
  });
});
