/** Bodies of Elasticsearch's cluster settings (`_cluster/settings`, flat form) and remote cluster info (`_remote/info`). */
import { z } from "zod";

/** Settings in the flat form (`flat_settings=true`): `{"cluster.remote.prod.mode": "proxy"}`; `null` resets one. */
const flatSettingsSchema = z.record(z.string(), z.unknown());

/** `PUT /_cluster/settings` body. */
export const putClusterSettingsRequestSchema = z.strictObject({
  persistent: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  transient: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

/** `PUT /_cluster/settings?flat_settings=true` answer: the settings that were applied (reset ones left out). */
export const putClusterSettingsResponseSchema = z.looseObject({
  acknowledged: z.boolean(),
  persistent: flatSettingsSchema,
  transient: flatSettingsSchema,
});

/** `GET /_cluster/settings?flat_settings=true`. Values are strings (or lists of strings), as Elasticsearch stores them. */
export const clusterSettingsSchema = z.looseObject({
  persistent: flatSettingsSchema,
  transient: flatSettingsSchema,
});

/** One alias of `GET /_remote/info`. Credentials are never returned (`cluster_credentials` is `::es_redacted::`). */
export const remoteClusterInfoSchema = z.looseObject({
  connected: z.boolean(),
  mode: z.string(),
  proxy_address: z.string().optional(),
  server_name: z.string().optional(),
  num_proxy_sockets_connected: z.number().optional(),
  max_proxy_socket_connections: z.number().optional(),
  seeds: z.array(z.string()).optional(),
  num_nodes_connected: z.number().optional(),
  initial_connect_timeout: z.string().optional(),
  skip_unavailable: z.boolean().optional(),
  cluster_credentials: z.string().optional(),
});

/** `GET /_remote/info`: one entry per configured alias. */
export const remoteInfoResponseSchema = z.record(z.string(), remoteClusterInfoSchema);

export type PutClusterSettingsRequest = z.infer<typeof putClusterSettingsRequestSchema>;
export type PutClusterSettingsResponse = z.infer<typeof putClusterSettingsResponseSchema>;
export type ClusterSettings = z.infer<typeof clusterSettingsSchema>;
export type RemoteClusterInfo = z.infer<typeof remoteClusterInfoSchema>;
export type RemoteInfoResponse = z.infer<typeof remoteInfoResponseSchema>;
