import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKeyBinding } from "../../../provider";
import { esCall } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";
import { expectInventoryMatchesState } from "../connectorApiKey/inventory";
import { connectorDoc, createConnector, createRestKey, createSecret, writes } from "./remote";

/**
 * Issue #14, case 6: a binding that does not declare `apiKeySecretId` leaves the connector's secret id as it is —
 * also after a refresh. A value the resource does not manage is never written and never shows as drift.
 */
describe("a binding without apiKeySecretId never touches the connector's secret id", () => {
  let stack: TestStack;
  let keyId = "";
  let secrets: string[] = [];
  let outOfBandKey = "";

  beforeAll(async () => {
    stack = await startTestStack(() => {
      new ConnectorApiKeyBinding("binding", { connectorId: "managed-c", apiKeyId: keyId });
    });
    const { emulator } = stack;
    await createConnector(emulator, "managed-c", { native: true });
    keyId = await createRestKey(emulator, "bound-by-pulumi");
    outOfBandKey = await createRestKey(emulator, "set-by-elastic");
    secrets = [await createSecret(emulator, "managed-secret-one"), await createSecret(emulator, "managed-secret-two")];
    // Elastic (or an operator) set the connector's secret id; the binding is not told about it.
    expect((await esCall(emulator, "PUT", "/_connector/managed-c/_api_key_id", { api_key_id: outOfBandKey, api_key_secret_id: secrets[0] })).status).toBe(200);
  });
  afterAll(async () => {
    await stack?.close();
  });
  const pre = () => ({ keyIds: [keyId, outOfBandKey], secretIds: secrets });

  it("up binds the key and leaves the secret id", async () => {
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(connectorDoc(stack.emulator, "managed-c")).toMatchObject({ api_key_id: keyId, api_key_secret_id: secrets[0] });
    await expectInventoryMatchesState(stack, pre());
  });

  it("refresh, then up: no drift, no write, the secret id is still there", async () => {
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    expect(refresh.steps.filter((s) => s.op === "refresh-drift")).toEqual([]);
    const preview = await stack.engine.preview();
    expect(preview.steps.filter((s) => s.op !== "same")).toEqual([]);
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([]);
    expect(connectorDoc(stack.emulator, "managed-c").api_key_secret_id).toBe(secrets[0]);
    await expectInventoryMatchesState(stack, pre());
  });

  it("a secret id changed out of band is not drift either, and survives refresh + up", async () => {
    expect((await esCall(stack.emulator, "PUT", "/_connector/managed-c/_api_key_id", { api_key_secret_id: secrets[1] })).status).toBe(200);
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    expect(refresh.steps.flatMap((s) => s.diffs.map((d) => d.property))).not.toContain("apiKeySecretId");
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(connectorDoc(stack.emulator, "managed-c")).toMatchObject({ api_key_id: keyId, api_key_secret_id: secrets[1] });
  });

  it("destroy unbinds the key and still leaves the secret id", async () => {
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(connectorDoc(stack.emulator, "managed-c")).toMatchObject({ api_key_id: "", api_key_secret_id: secrets[1] });
  });
});
