import * as pulumi from "@pulumi/pulumi";
import { RemoteClusterAccess, selfManagedKeystoreSteps } from "pulumi-elastic-keys";

const config = new pulumi.Config();
const alias = config.get("alias") ?? "prod";

// The REMOTE cluster (the one searched) comes from the stack config `elastic:*`; the LOCAL Cloud deployment (the
// one that searches) from the settings below: its Elasticsearch endpoint and user, and the Cloud API key of
// `elastic:cloudApiKey`.
const access = new RemoteClusterAccess("logs-from-prod", {
  alias,
  remote: {
    access: { search: [{ names: (config.get("searchIndices") ?? "logs-*").split(",").map((s) => s.trim()) }] },
    expiration: "90d",
    rotateAfter: "30d",
    // Rotate now, without waiting for rotateAfter: `pulumi config set rotation 2026-11 && pulumi up`.
    triggers: { rotation: config.get("rotation") ?? "" },
  },
  local: {
    deploymentId: config.require("deploymentId"),
    proxyAddress: config.require("proxyAddress"),
    serverName: config.get("serverName") || undefined,
    // A cluster only `connection` names gets only the credentials given here, never the stack's.
    connection: { endpoints: [config.require("localEndpoint")], username: config.require("localUsername"), password: config.requireSecret("localPassword") },
  },
});

export const keyId = access.keyId;
/** The key in the local keystore (secret). */
export const encoded = access.encoded;
/** For a self-managed local cluster, whose keystore no API can write: what to run instead. */
export const selfManagedSteps = selfManagedKeystoreSteps(alias, "encoded");
