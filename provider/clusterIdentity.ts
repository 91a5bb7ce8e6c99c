import { type ClusterInfo, type ElasticsearchClient, ErrorCodes, isElasticError } from "../sdk";
import type { ConnectionInput } from "./connection";
import { elasticsearchOptions } from "./credentials";
import { containsUnknown } from "./unknowns";

// One answer per client for the life of the host process: a cluster's UUID does not change.
const infos = new WeakMap<ElasticsearchClient, Promise<ClusterInfo>>();

/** `GET /` of the cluster the client reaches, asked once per client. */
function clusterInfoOf(client: ElasticsearchClient): Promise<ClusterInfo> {
  let info = infos.get(client);
  if (!info) {
    info = client.info();
    info.catch(() => infos.delete(client));
    infos.set(client, info);
  }
  return info;
}

/** The UUID of the cluster the client reaches (`GET /`), asked once per client. */
export async function clusterUuidOf(client: ElasticsearchClient): Promise<string> {
  return (await clusterInfoOf(client)).cluster_uuid;
}

/** The Elasticsearch version the client reaches (`version.number` of `GET /`), or undefined when `GET /` fails: only messages use it. */
export async function clusterVersionOf(client: ElasticsearchClient): Promise<string | undefined> {
  try {
    return (await clusterInfoOf(client)).version.number;
  } catch {
    return undefined;
  }
}

/**
 * The UUID to record for a new key, or undefined when the credentials may not call `GET /` (it needs `monitor`):
 * recording where a key lives must not stop a user who may create keys from creating them.
 */
export async function clusterUuidToRecord(client: ElasticsearchClient): Promise<string | undefined> {
  try {
    return await clusterUuidOf(client);
  } catch (err) {
    if (isElasticError(err, ErrorCodes.ES_API) && (err.status === 401 || err.status === 403)) return undefined;
    throw err;
  }
}

/**
 * Throws when the connection reaches another cluster than the one the key was created on, e.g. after
 * `elastic:endpoint` changed: reading there would find no key and drop a live one from the state, deleting there would
 * invalidate nothing. Nothing is changed; the message says how to point back at the key's cluster.
 */
export async function ensureSameCluster(client: ElasticsearchClient, recorded: string | undefined, keyId: string): Promise<void> {
  if (recorded === undefined) return;
  const current = await clusterUuidOf(client);
  if (current === recorded) return;
  throw new Error(
    `API key ${JSON.stringify(keyId)} lives on the Elasticsearch cluster with UUID ${recorded}, but the connection now reaches ` +
      `the cluster with UUID ${current}. Nothing was changed, and the key was kept in the state. Point elastic:endpoint ` +
      "(or the resource's connection.endpoints, or ELASTICSEARCH_URL) back at the key's cluster and run the command again; " +
      "to move the key to the new cluster, change connection.endpoints in the program instead, which replaces it (created " +
      "on the new cluster, invalidated on the old one)",
  );
}

/**
 * Whether new connection settings point at other Elasticsearch endpoints than the old ones (as resolved with the
 * stack config and environment when a side does not set `endpoints`): then the key must be replaced — created on
 * the new cluster, invalidated on the old one — never updated on a cluster where it does not live.
 * Unknown values (preview) count as a change.
 */
export function endpointsChanged(olds: unknown, news: unknown): boolean {
  if (containsUnknown(news)) return true;
  const resolve = (connection: unknown): string | undefined => {
    const given = (connection as ConnectionInput | undefined)?.endpoints;
    try {
      return JSON.stringify([...(given ?? elasticsearchOptions(undefined).options.endpoints)].sort());
    } catch {
      return undefined; // no endpoint configured: compare what was given
    }
  };
  return resolve(olds) !== resolve(news);
}
