import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKeyBinding } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import { BINDING, expectInventoryMatchesState } from "../connectorApiKey/inventory";
import { connectorDoc, createConnector, createRestKey, createSecret } from "./remote";

class Wrapper extends pulumi.ComponentResource {
  constructor(name: string, build: (parent: pulumi.Resource) => void) {
    super("test:index:Wrapper", name, {}, {});
    build(this);
  }
}

/**
 * Issue #14, case 7: renaming a binding, or moving it into a component, gives it a new URN for the same connector:
 * the engine creates the "new" binding and then deletes the "old" one. The connector must stay bound. Two bindings
 * of one connector in one deployment are refused, saying so.
 */
describe("renaming or moving a ConnectorApiKeyBinding leaves the connector bound", () => {
  let stack: TestStack;
  let keyId = "";
  let otherKeyId = "";
  let secretId = "";
  const pre = () => ({ keyIds: [keyId, otherKeyId], secretIds: [secretId] });
  const bindingNames = async () =>
    (await stack.engine.readState()).resources.filter((r) => r.type === BINDING).map((r) => `${r.name}${r.pendingDelete ? " (pending delete)" : ""}`);

  beforeAll(async () => {
    stack = await startTestStack(() => undefined);
    await createConnector(stack.emulator, "c7", { native: true });
    keyId = await createRestKey(stack.emulator, "renamed-binding-key");
    otherKeyId = await createRestKey(stack.emulator, "rival-binding-key");
    secretId = await createSecret(stack.emulator, "renamed-binding-secret");
    stack.setProgram(() => {
      new ConnectorApiKeyBinding("first-name", { connectorId: "c7", apiKeyId: keyId, apiKeySecretId: secretId });
    });
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("a rename: the connector stays bound and the old binding's delete says why it did not unbind", async () => {
    stack.setProgram(() => {
      new ConnectorApiKeyBinding("second-name", { connectorId: "c7", apiKeyId: keyId, apiKeySecretId: secretId });
    });
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(await bindingNames()).toEqual(["second-name"]);
    expect(connectorDoc(stack.emulator, "c7")).toMatchObject({ api_key_id: keyId, api_key_secret_id: secretId });
    expect(stack.engine.hostLogs().join("\n")).toContain("not unbound — another ConnectorApiKeyBinding of this deployment now manages this connector");
    await expectInventoryMatchesState(stack, pre());
  });

  it("a move into a component: the connector stays bound", async () => {
    stack.setProgram(() => {
      new Wrapper("wrapper", (parent) => {
        new ConnectorApiKeyBinding("second-name", { connectorId: "c7", apiKeyId: keyId, apiKeySecretId: secretId }, { parent });
      });
    });
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    const bindings = (await stack.engine.readState()).resources.filter((r) => r.type === BINDING);
    expect(bindings).toHaveLength(1);
    expect(bindings[0]!.parent).toContain("Wrapper");
    expect(connectorDoc(stack.emulator, "c7")).toMatchObject({ api_key_id: keyId, api_key_secret_id: secretId });
    await expectInventoryMatchesState(stack, pre());
  });

  // The engine runs one binding's create and the other's diff concurrently, so which one fails (and so which key
  // the connector holds) depends on timing; that the up fails and says why does not.
  it("two bindings of one connector are refused, saying so", async () => {
    stack.setProgram(() => {
      new Wrapper("wrapper", (parent) => {
        new ConnectorApiKeyBinding("second-name", { connectorId: "c7", apiKeyId: keyId, apiKeySecretId: secretId }, { parent });
      });
      new ConnectorApiKeyBinding("rival", { connectorId: "c7", apiKeyId: otherKeyId });
    });
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.errors.map((e) => e.message).join("\n")).toContain('another ConnectorApiKeyBinding of this deployment also binds connector "c7"');
    expect([keyId, otherKeyId]).toContain(connectorDoc(stack.emulator, "c7").api_key_id);
  });

  it("also when the second binding comes first in the program", async () => {
    stack.setProgram(() => {
      new ConnectorApiKeyBinding("rival", { connectorId: "c7", apiKeyId: otherKeyId });
      new Wrapper("wrapper", (parent) => {
        new ConnectorApiKeyBinding("second-name", { connectorId: "c7", apiKeyId: keyId, apiKeySecretId: secretId }, { parent });
      });
    });
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.errors.map((e) => e.message).join("\n")).toContain('another ConnectorApiKeyBinding of this deployment also binds connector "c7"');
    expect([keyId, otherKeyId]).toContain(connectorDoc(stack.emulator, "c7").api_key_id);
  });

  it("destroy still unbinds", async () => {
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    // The secret id is cleared too when the binding that won the race above had set it (rival sets none).
    expect(connectorDoc(stack.emulator, "c7")).toMatchObject({ api_key_id: "" });
  });
});
