import { DeploymentKeystoreClient, RemoteClustersClient } from "../sdk";
import type { ConnectionInput } from "./connection";
import { cloudOptions, connectionKey, elasticsearchOptions } from "./credentials";

// Like ./clients.ts: one client per distinct connection for the life of the host process (shared keep-alive pools).
const keystoreClients = new Map<string, DeploymentKeystoreClient>();
const remoteClustersClients = new Map<string, RemoteClustersClient>();

function cached<C>(cache: Map<string, C>, options: unknown, make: () => C): C {
  const key = connectionKey(options);
  let client = cache.get(key);
  if (!client) {
    client = make();
    cache.set(key, client);
  }
  return client;
}

/** The deployment keystore client for the Elastic Cloud connection (`cloudEndpoint`, `cloudApiKey`). */
export function keystoreClient(override?: ConnectionInput): DeploymentKeystoreClient {
  const options = cloudOptions(override);
  return cached(keystoreClients, options, () => new DeploymentKeystoreClient(options));
}

/** The `_cluster/settings` / `_remote/info` client for the Elasticsearch connection (the local cluster). */
export function remoteClustersClient(override?: ConnectionInput): RemoteClustersClient {
  const options = elasticsearchOptions(override);
  return cached(remoteClustersClients, options, () => new RemoteClustersClient(options));
}
