import type { ApiKeyInfo, Connector, ElasticsearchClient } from "../../sdk";
import { now } from "../clock";
import type { BindingInputs } from "./schema";

const q = JSON.stringify;

/**
 * Checked before every bind (create and update), because Elasticsearch itself would store a binding to a key or
 * secret that does not exist and the connector would only fail later, at its next sync. All lookups run together
 * and every problem is reported at once, each naming the missing thing and the input to fix. Throws before any
 * write, so a refused binding changes nothing.
 */
export async function verifyTargets(client: ElasticsearchClient, inputs: BindingInputs): Promise<void> {
  const [connector, key, secretExists] = await Promise.all([
    client.getConnector(inputs.connectorId),
    client.getApiKey(inputs.apiKeyId),
    // Only existence matters: the value (a secret) is dropped at once and never kept.
    inputs.apiKeySecretId === undefined ? true : client.getConnectorSecret(inputs.apiKeySecretId).then((s) => s !== undefined),
  ]);
  const problems = [
    connectorProblem(inputs.connectorId, connector),
    keyProblem(inputs.apiKeyId, key),
    secretExists ? undefined : `connector secret ${q(inputs.apiKeySecretId)} does not exist (apiKeySecretId): create it with POST _connector/_secret or correct the id`,
  ].filter((p): p is string => p !== undefined);
  // "Nothing was changed" is about the connector: this binding wrote nothing. What the ids point at is not ours to
  // describe (a ConnectorApiKey's key and secret exist already, and stay in its state).
  if (problems.length > 0) throw new Error(`cannot bind: ${problems.join("; ")}. Nothing was changed on the connector`);
}

function connectorProblem(id: string, connector: Connector | undefined): string | undefined {
  if (!connector) return `connector ${q(id)} does not exist (connectorId): create it first (PUT _connector/${id}) or correct the id`;
  if (connector.deleted === true) return `connector ${q(id)} has been deleted (connectorId)`;
  return undefined;
}

function keyProblem(id: string, key: ApiKeyInfo | undefined): string | undefined {
  const where = `API key ${q(id)} (apiKeyId)`;
  if (!key) return `${where} does not exist: correct the id or create the key first`;
  if (key.invalidated) return `${where} has been invalidated and can no longer authenticate: bind a live key`;
  if (key.expiration !== undefined && key.expiration <= now()) {
    return `${where} expired at ${new Date(key.expiration).toISOString()}: bind a live key`;
  }
  if (key.type !== "rest") return `${where} is a ${key.type} API key; a connector needs a REST API key (POST /_security/api_key)`;
  return undefined;
}
