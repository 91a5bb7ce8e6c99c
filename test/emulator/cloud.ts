/**
 * Elastic Cloud's Cloud Connected API (under /api/v1): clusters, key rotation with ETag/If-Match, pending keys that
 * stay valid for 7 days (emulator clock) or until revoked — for the cluster's key and for each service's own key
 * (`apikey/{service}/_rotate`, notes §F).
 */
import type { Clock } from "./clock";
import type { ClusterIdentity } from "./cluster-info";
import { ES_VERSION } from "./cluster-info";
import { CloudError, cloudErrorBody } from "./errors";
import { newClusterId, newCloudKey, newEtag } from "./ids";
import { emptyReply, jsonReply, type Reply } from "./reply";
import { Router } from "./router";
import type { SecretLog } from "./secret-log";
import type { Resolved, Service } from "./server";
import type { CloudKeyStatus, InventoryCluster } from "./types";

export const PENDING_KEY_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const CLUSTER_ID = /^[a-z0-9]{32}$/;
/** Services with their own Cloud Connected key (2026 API docs): the Elastic Inference Service. */
export const CLOUD_SERVICES = ["eis"] as const;

/** One key lineage: the cluster's own key, or one service's. */
interface KeySet {
  activeKey: string;
  pending: Array<{ key: string; expiresAt: number }>;
  revoked: Set<string>;
  rotations: number;
}

interface CloudCluster extends KeySet {
  id: string;
  name: string;
  etag: string;
  createdAt: number;
  selfManaged: { id: string; name: string; version: string };
  services: Map<string, KeySet>;
}

export class CloudStore {
  private readonly clusters = new Map<string, CloudCluster>();

  constructor(
    private readonly clock: Clock,
    private readonly secrets: SecretLog,
    readonly organizationId: string,
  ) {}

  private newKeySet(): KeySet {
    const activeKey = newCloudKey();
    this.secrets.remember(activeKey);
    return { activeKey, pending: [], revoked: new Set(), rotations: 0 };
  }

  add(name: string, selfManaged: ClusterIdentity): string {
    const id = newClusterId();
    this.clusters.set(id, {
      id,
      name,
      etag: newEtag(),
      createdAt: this.clock.now(),
      selfManaged: { id: selfManaged.clusterUuid, name: selfManaged.clusterName, version: ES_VERSION },
      ...this.newKeySet(),
      services: new Map(CLOUD_SERVICES.map((service) => [service, this.newKeySet()])),
    });
    return id;
  }

  /** The key set a call is about: the cluster's own, or a service's. */
  keySet(cluster: CloudCluster, service: string | undefined): KeySet | undefined {
    return service === undefined ? cluster : cluster.services.get(service);
  }

  get(id: string): CloudCluster | undefined {
    const cluster = this.clusters.get(id);
    if (cluster) this.expirePending(cluster);
    return cluster;
  }

  /** Pending keys past their 7 days are revoked, lazily, whenever a cluster is looked at. */
  private expirePending(cluster: CloudCluster): void {
    const now = this.clock.now();
    for (const set of [cluster, ...cluster.services.values()]) {
      set.pending = set.pending.filter(({ key, expiresAt }) => {
        if (expiresAt > now) return true;
        set.revoked.add(key);
        return false;
      });
    }
  }

  /** Any rotation, of the cluster's key or a service's, changes the cluster's ETag. */
  rotate(cluster: CloudCluster, set: KeySet = cluster): string {
    const key = newCloudKey();
    this.secrets.remember(key);
    set.pending.push({ key: set.activeKey, expiresAt: this.clock.now() + PENDING_KEY_LIFETIME_MS });
    set.activeKey = key;
    set.rotations++;
    cluster.etag = newEtag();
    return key;
  }

  revokePending(set: KeySet): void {
    for (const { key } of set.pending) set.revoked.add(key);
    set.pending = [];
  }

  keyStatus(key: string): CloudKeyStatus {
    for (const id of this.clusters.keys()) {
      const cluster = this.get(id)!;
      for (const set of [cluster, ...cluster.services.values()]) {
        if (set.activeKey === key) return "active";
        if (set.pending.some((p) => p.key === key)) return "pending";
        if (set.revoked.has(key)) return "revoked";
      }
    }
    return "unknown";
  }

  inventory(): InventoryCluster[] {
    return [...this.clusters.keys()].map((id) => {
      const cluster = this.get(id)!;
      const keys = (set: KeySet) => ({
        activeKey: set.activeKey,
        pendingKeys: set.pending.map((p) => ({ ...p })),
        revokedKeys: set.revoked.size,
        rotations: set.rotations,
      });
      return {
        id: cluster.id,
        name: cluster.name,
        etag: cluster.etag,
        ...keys(cluster),
        services: Object.fromEntries([...cluster.services].map(([service, set]) => [service, keys(set)])),
      };
    });
  }

  view(cluster: CloudCluster): Record<string, unknown> {
    return {
      id: cluster.id,
      name: cluster.name,
      metadata: {
        created_at: new Date(cluster.createdAt).toISOString(),
        created_by: "emulator",
        organization_id: this.organizationId,
      },
      self_managed_cluster: { ...cluster.selfManaged },
    };
  }
}

export interface CloudKeys {
  full: string;
  readOnly: string;
}

type Access = "read" | "write";
type CloudHandler = (cluster: CloudCluster, headers: Record<string, string | string[] | undefined>, keys: KeySet) => Reply;

const FAULT_CODES: Record<number, string> = {
  400: "root.invalid_request",
  401: "root.unauthenticated",
  403: "root.unauthorized",
  404: "root.resource_not_found",
  409: "root.conflict",
  429: "root.too_many_requests",
  500: "root.internal_server_error",
  502: "root.bad_gateway",
  503: "root.service_unavailable",
  504: "root.gateway_timeout",
};

function cloudError(error: CloudError): Reply {
  return jsonReply(error.status, cloudErrorBody(error), error.headers);
}

/** If-Match may list several tags, use W/ or `*`; quotes are optional here to be forgiving. */
function ifMatchSatisfied(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return true;
  const tags = (Array.isArray(header) ? header.join(",") : header).split(",").map((t) => t.trim().replace(/^W\//, ""));
  const bare = etag.replace(/"/g, "");
  return tags.some((tag) => tag === "*" || tag === etag || tag.replace(/"/g, "") === bare);
}

export function createCloudService(store: CloudStore, keys: CloudKeys): Service {
  const router = new Router<{ access: Access; handle: CloudHandler }>();
  const base = "/api/v1/cloud-connected/clusters/{id}";
  router.add("GET", base, {
    access: "read",
    handle: (cluster) => jsonReply(200, store.view(cluster), { etag: cluster.etag }),
  });
  // The cluster's key and each service's key answer alike; `{service}` picks the key set.
  for (const keyPath of [`${base}/apikey`, `${base}/apikey/{service}`]) {
    router.add("POST", `${keyPath}/_rotate`, {
      access: "write",
      handle: (cluster, headers, keys) => {
        if (!ifMatchSatisfied(headers["if-match"], cluster.etag)) {
          throw new CloudError(412, "root.precondition_failed", "The If-Match header does not match the current ETag of the resource");
        }
        const key = store.rotate(cluster, keys);
        return jsonReply(200, { key }, { etag: cluster.etag });
      },
    });
    router.add("POST", `${keyPath}/_revoke-pending`, {
      access: "write",
      handle: (_cluster, _headers, keys) => {
        store.revokePending(keys);
        return emptyReply(200);
      },
    });
  }

  const authenticate = (header: string | string[] | undefined): Access | Reply => {
    const value = Array.isArray(header) ? header[0] : header;
    const match = value === undefined ? null : /^apikey\s+(\S+)\s*$/i.exec(value.trim());
    // Unauthenticated calls have been seen answering with this non-standard body; clients must cope with it.
    if (!match) return jsonReply(401, { UnauthorizedMessages: ["Invalid credential headers"], Cause: null });
    if (match[1] === keys.full) return "write";
    if (match[1] === keys.readOnly) return "read";
    return cloudError(new CloudError(401, "root.unauthenticated", "The supplied authentication is invalid"));
  };

  return {
    target: "cloud",
    faultReply: (status) =>
      cloudError(new CloudError(status, FAULT_CODES[status] ?? "root.unexpected_error", `Injected fault (${status})`)),
    resolve(method, pathname): Resolved {
      const resolution = router.resolve(method, pathname);
      if (resolution.kind === "no-handler") {
        return {
          route: `${method} (unmatched)`,
          execute: () => cloudError(new CloudError(404, "root.resource_not_found", "The requested resource could not be found")),
        };
      }
      if (resolution.kind === "method-not-allowed") {
        return {
          route: `${method} (unmatched)`,
          execute: () =>
            cloudError(
              new CloudError(405, "root.method_not_allowed", "The requested method is not allowed on this resource", {
                allow: resolution.allowed.join(", "),
              }),
            ),
        };
      }
      const { handler, params, template } = resolution;
      return {
        route: `${method} ${template}`,
        execute: (request) => {
          try {
            const granted = authenticate(request.headers.authorization);
            if (typeof granted !== "string") return granted;
            const id = params.id ?? "";
            if (!CLUSTER_ID.test(id)) {
              throw new CloudError(400, "clusters.invalid_cluster_id", `Invalid cluster id [${id}]: it must match ^[a-z0-9]{32}$`);
            }
            if (handler.access === "write" && granted !== "write") {
              throw new CloudError(403, "root.unauthorized", "The API key is not authorized to perform this action");
            }
            const cluster = store.get(id);
            if (!cluster) throw new CloudError(404, "clusters.cluster_not_found", `Cluster [${id}] not found`);
            const keys = store.keySet(cluster, params.service);
            if (!keys) {
              throw new CloudError(404, "clusters.service_not_found", `Service [${params.service}] not found: it must be one of [${CLOUD_SERVICES.join(", ")}]`);
            }
            return handler.handle(cluster, request.headers, keys);
          } catch (error) {
            if (error instanceof CloudError) return cloudError(error);
            throw error;
          }
        },
      };
    },
  };
}
