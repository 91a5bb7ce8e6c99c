import type { ApiKeyInfo, ElasticsearchClient } from "../sdk";
import { now } from "./clock";
import { ensureSameCluster } from "./clusterIdentity";
import { retireUnconfirmed } from "./createMarked";

/** What read and delete need to know about a key in state: where it lives and which resource owns it. */
export interface KeyRecord {
  clusterUuid?: string;
  owner?: string;
}

/**
 * Refresh's view of a key in state: the key, or undefined when Elasticsearch says it is missing, invalidated or
 * expired — on the key's own cluster (another cluster is an error, not "gone"). Keys an interrupted create of the
 * resource left live are invalidated on the way.
 */
export async function readOwnedKey(client: ElasticsearchClient, id: string, record: KeyRecord, subject: string): Promise<ApiKeyInfo | undefined> {
  const key = await client.getApiKey(id);
  const gone = !key || key.invalidated || (key.expiration !== undefined && key.expiration <= now());
  if (gone) await ensureSameCluster(client, record.clusterUuid, id);
  if (record.owner !== undefined) await retireUnconfirmed(client, record.owner, subject, [id]);
  return gone ? undefined : key;
}

/**
 * Invalidates a key in state, and any key an interrupted create of the resource left live. Missing or already
 * invalidated keys are success (Elasticsearch answers 200 with empty lists) — on the key's own cluster: when nothing
 * was invalidated and the connection reaches another cluster, nothing is reported done. A 200 carrying
 * error_details is not success either; the sdk raises it as an error.
 */
export async function invalidateOwnedKey(client: ElasticsearchClient, id: string, record: KeyRecord, subject: string): Promise<void> {
  const result = await client.invalidateApiKeys([id]);
  if (!result.invalidated_api_keys.includes(id)) await ensureSameCluster(client, record.clusterUuid, id);
  if (record.owner !== undefined) await retireUnconfirmed(client, record.owner, subject, [id]);
}
