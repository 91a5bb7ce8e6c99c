import type { EsRoute } from "./es-service";
import { ACTIONS } from "./auth";
import { jsonReply } from "./reply";

export const ES_VERSION = "8.15.0";

/** Whether a Stack version takes `certificate_identity` on cross-cluster keys (9.3 and later). */
export function supportsCertificateIdentity(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map((part) => Number.parseInt(part, 10));
  return major > 9 || (major === 9 && minor >= 3);
}
/** The one node's id, as node-level answers (e.g. cache clearing) name it. */
export const NODE_ID = "emulatorNode0000000001";

export interface ClusterIdentity {
  nodeName: string;
  clusterName: string;
  clusterUuid: string;
}

/** GET / — the cluster banner; GET /_cluster/health — a one-node cluster that is always green. */
export function clusterInfoRoutes(identity: ClusterIdentity, version: string = ES_VERSION): EsRoute[] {
  const body = {
    name: identity.nodeName,
    cluster_name: identity.clusterName,
    cluster_uuid: identity.clusterUuid,
    version: {
      number: version,
      build_flavor: "default",
      build_type: "docker",
      build_hash: "1a77947f34deddb41af25e6f0ddb8e830159c179",
      build_date: "2024-08-05T10:05:34.233336849Z",
      build_snapshot: false,
      lucene_version: "9.11.1",
      minimum_wire_compatibility_version: "7.17.0",
      minimum_index_compatibility_version: "7.0.0",
    },
    tagline: "You Know, for Search",
  };
  return [
    {
      method: "GET",
      path: "/",
      handler: (ctx) => {
        ctx.authorize(ACTIONS.main);
        return jsonReply(200, body);
      },
    },
    {
      method: "GET",
      path: "/_cluster/health",
      params: ["wait_for_status", "wait_for_nodes", "wait_for_active_shards", "wait_for_no_relocating_shards", "wait_for_no_initializing_shards", "wait_for_events", "timeout", "master_timeout", "level", "local", "expand_wildcards"],
      handler: (ctx) => {
        ctx.authorize(ACTIONS.clusterHealth);
        return jsonReply(200, {
          cluster_name: identity.clusterName,
          status: "green",
          timed_out: false,
          number_of_nodes: 1,
          number_of_data_nodes: 1,
          active_primary_shards: 0,
          active_shards: 0,
          relocating_shards: 0,
          initializing_shards: 0,
          unassigned_shards: 0,
          delayed_unassigned_shards: 0,
          number_of_pending_tasks: 0,
          number_of_in_flight_fetch: 0,
          task_max_waiting_in_queue_millis: 0,
          active_shards_percent_as_number: 100.0,
        });
      },
    },
  ];
}
