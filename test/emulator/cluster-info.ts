import type { EsRoute } from "./es-service";
import { ACTIONS } from "./auth";
import { jsonReply } from "./reply";

export const ES_VERSION = "8.15.0";

export interface ClusterIdentity {
  nodeName: string;
  clusterName: string;
  clusterUuid: string;
}

/** GET / — the cluster banner. */
export function clusterInfoRoutes(identity: ClusterIdentity): EsRoute[] {
  const body = {
    name: identity.nodeName,
    cluster_name: identity.clusterName,
    cluster_uuid: identity.clusterUuid,
    version: {
      number: ES_VERSION,
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
  ];
}
