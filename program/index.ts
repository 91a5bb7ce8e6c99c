/**
 * The root Pulumi program: one of each resource, configured from stack config, so that `pulumi up` at the
 * repository root is the main job. Connection settings come from `elastic:*` stack config or the environment
 * (see the README); nothing secret is written here.
 */
import * as pulumi from "@pulumi/pulumi";
import { CloudConnectedClusterApiKey, ConnectorApiKey, CrossClusterApiKey } from "../provider";

const config = new pulumi.Config();
const remoteIndices = (config.get("remoteIndices") ?? "logs-*").split(",").map((s) => s.trim());

/** Lets a remote cluster search and follow the listed indices; rotated every 30 days, never older than 90. */
const remoteAccess = new CrossClusterApiKey("remote-access", {
  access: { search: [{ names: remoteIndices }], replication: [{ names: remoteIndices }] },
  expiration: "90d",
  rotateAfter: "30d",
  metadata: { managedBy: "pulumi", stack: pulumi.getStack() },
});

const connectorId = config.get("connectorId");
const connectorKey = connectorId
  ? new ConnectorApiKey("connector", { connectorId, indexName: config.require("connectorIndex"), managed: true })
  : undefined;

const cloudClusterId = config.get("cloudClusterId");
const cloudKey = cloudClusterId
  ? new CloudConnectedClusterApiKey("cloud-connected", { clusterId: cloudClusterId, rotateAfter: "30d", triggers: { reason: "initial" } })
  : undefined;

export const remoteAccessKeyId = remoteAccess.keyId;
/** What the remote cluster is configured with (`cluster.remote.<alias>.credentials`); a secret output. */
export const remoteAccessEncoded = pulumi.secret(remoteAccess.encoded);
export const connectorApiKeyId = connectorKey?.keyId;
export const cloudKeyRotatedAt = cloudKey?.rotatedAt;
