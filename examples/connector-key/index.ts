import * as pulumi from "@pulumi/pulumi";
import { ConnectorApiKey } from "pulumi-elastic-keys";

const config = new pulumi.Config();

// An Elastic-managed connector reads its key from a connector secret, so `managed: true` creates the API key,
// stores its encoded value with POST _connector/_secret and binds both to the connector. Destroy undoes it in
// reverse: unbind, delete the secret, invalidate the key.
const connectorKey = new ConnectorApiKey("connector", {
  connectorId: config.get("connectorId") ?? "my-connector",
  indexName: config.get("indexName") ?? "search-my-connector",
  managed: true,
});

export const apiKeyId = connectorKey.keyId;
export const secretId = connectorKey.secretId;
