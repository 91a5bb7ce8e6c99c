import type { CloudClient, CloudConnectedService } from "../../sdk";

/**
 * Which key a resource rotates: the cluster's own (`service` absent) or one Cloud Connected service's. Both live
 * on the same cluster and share its one ETag; everything else about them is separate (their own pending keys).
 */
export interface KeyTarget {
  clusterId: string;
  service?: CloudConnectedService;
}

/** The resource id: the cluster id for the cluster's key (as before services existed), `<clusterId>/<service>` otherwise. */
export function resourceId(target: KeyTarget): string {
  return target.service === undefined ? target.clusterId : `${target.clusterId}/${target.service}`;
}

/** "this cluster's key" or "this cluster's eis key", for messages. */
export function keyName(target: { service?: string | undefined }): string {
  return target.service === undefined ? "this cluster's key" : `this cluster's ${target.service} key`;
}

export function rotate(client: CloudClient, target: KeyTarget, ifMatch: string | undefined) {
  const opts = ifMatch === undefined ? {} : { ifMatch };
  return target.service === undefined
    ? client.rotateClusterApiKey(target.clusterId, opts)
    : client.rotateServiceApiKey(target.clusterId, target.service, opts);
}

export function revokePending(client: CloudClient, target: KeyTarget): Promise<void> {
  return target.service === undefined
    ? client.revokePendingClusterApiKeys(target.clusterId)
    : client.revokePendingServiceApiKeys(target.clusterId, target.service);
}
