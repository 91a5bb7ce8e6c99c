import { expect } from "vitest";
import type { TestStack } from "../../support/stack";

export const KEY = "pulumi-nodejs:dynamic/elastic:ApiKey";
export const SECRET = "pulumi-nodejs:dynamic/elastic:ConnectorSecret";
export const BINDING = "pulumi-nodejs:dynamic/elastic:ConnectorApiKeyBinding";

/** What the test set up out of band (and may therefore exist without being in the state). */
export interface Preexisting {
  keyIds?: string[];
  secretIds?: string[];
  /** Connectors whose binding (or secret id) was set outside Pulumi and may stay so. */
  connectorIds?: string[];
}

/**
 * The emulator's inventory equals the state: every live REST key, connector secret and connector binding the stack
 * made is in the state (nothing stray), and everything the state holds exists as it says (nothing lost, nothing
 * silently unbound).
 */
export async function expectInventoryMatchesState(stack: TestStack, pre: Preexisting = {}): Promise<void> {
  const state = (await stack.engine.readState()).resources.filter((r) => !r.pendingDelete);
  const inventory = stack.emulator.inventory();
  const ofType = (type: string) => state.filter((r) => r.type === type);

  const restKeyId = stack.emulator.credentials.restApiKey.id;
  const liveKeys = inventory.apiKeys.filter((k) => k.type === "rest" && !k.invalidated && k.id !== restKeyId).map((k) => k.id);
  const stateKeys = ofType(KEY).map((r) => r.id);
  expect(liveKeys.filter((id) => !(pre.keyIds ?? []).includes(id)).sort(), "live REST keys = keys in state").toEqual(stateKeys.sort());

  const secrets = inventory.connectorSecrets.map((s) => s.id).filter((id) => !(pre.secretIds ?? []).includes(id));
  expect(secrets.sort(), "connector secrets = secrets in state").toEqual(ofType(SECRET).map((r) => r.id).sort());

  const bindings = ofType(BINDING);
  for (const binding of bindings) {
    const connector = inventory.connectors.find((c) => c.id === binding.id);
    expect(connector, `connector ${binding.id} of a binding in state exists`).toBeDefined();
    expect(connector!.api_key_id, `connector ${binding.id} is bound as the state says`).toBe(binding.outputs.apiKeyId);
    if (binding.outputs.apiKeySecretId !== undefined) expect(connector!.api_key_secret_id).toBe(binding.outputs.apiKeySecretId);
  }
  for (const connector of inventory.connectors) {
    const id = connector.id as string;
    if ((pre.connectorIds ?? []).includes(id) || bindings.some((b) => b.id === id)) continue;
    expect(connector.api_key_id ?? "", `connector ${id} has no binding in state, so it is unbound`).toBe("");
  }
}
