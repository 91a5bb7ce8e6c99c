import { setTimeout as sleep } from "node:timers/promises";
import type { RemoteClusterInfo } from "../../sdk";
import type { ConnectionInput } from "../connection";
import { remoteClustersClient } from "../clients";

export type Readiness = { connected: true; info: RemoteClusterInfo } | { connected: false; said: string };

/** What `_remote/info` said about the alias, in words an operator can act on (credentials are never returned by it). */
function describe(alias: string, info: RemoteClusterInfo | undefined): string {
  if (!info) return `_remote/info lists no remote cluster "${alias}" (are its cluster.remote.${alias}.* settings in place?)`;
  const fields = ["connected", "mode", "proxy_address", "server_name", "num_proxy_sockets_connected", "seeds", "num_nodes_connected"] as const;
  const shown = Object.fromEntries(fields.filter((f) => info[f] !== undefined).map((f) => [f, info[f]]));
  const credentials = info.cluster_credentials === undefined ? "; no cluster_credentials in the keystore" : "";
  return `_remote/info said ${JSON.stringify(shown)}${credentials}`;
}

/**
 * Polls `GET _remote/info` on the local cluster until `alias` is connected or `timeoutMs` has passed. Request
 * failures while polling count as "not yet" (the keystore reload may restart connections); the last answer or error
 * is returned for the message.
 */
export async function waitUntilConnected(alias: string, connection: ConnectionInput | undefined, timeoutMs: number): Promise<Readiness> {
  const client = remoteClustersClient(connection);
  const deadline = Date.now() + timeoutMs;
  const interval = Math.max(50, Math.min(1_000, timeoutMs / 10));
  let said = "_remote/info was not asked";
  for (;;) {
    try {
      const info = (await client.remoteInfo())[alias];
      if (info?.connected) return { connected: true, info };
      said = describe(alias, info);
    } catch (err) {
      said = `GET _remote/info failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (Date.now() + interval > deadline) return { connected: false, said };
    await sleep(interval);
  }
}
