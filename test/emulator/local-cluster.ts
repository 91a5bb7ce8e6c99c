/**
 * A second Elasticsearch — the "local" cluster that connects to the emulator's (remote) cluster — hosted on an
 * Elastic Cloud deployment of the emulator. It serves `PUT|GET /_cluster/settings` (only the `cluster.remote.*`
 * settings, in Elasticsearch's flat/nested forms, `null` resetting a setting) and `GET /_remote/info`.
 *
 * An alias is connected only when its proxy settings are in place AND the deployment's keystore holds
 * `cluster.remote.<alias>.credentials` equal to the `encoded` form of a live (not invalidated, not expired)
 * cross-cluster API key of the remote cluster — so a test can tell a correct rotation from one that invalidated the
 * old key too early.
 */
import { Authenticator, holds } from "./auth";
import { clusterInfoRoutes, type ClusterIdentity } from "./cluster-info";
import type { DeploymentStore } from "./deployments";
import { illegalArgument, securityException, validationFailed } from "./errors";
import { createEsService, type EsContext, type EsRoute } from "./es-service";
import { encodeApiKey, newId } from "./ids";
import { type JsonNode, toPlain } from "./json";
import { jsonReply } from "./reply";
import type { ApiKeyStore } from "./security-keys";
import { Listener, type ListenerOptions } from "./server";
import { Stats } from "./stats";
import type { EmulatorLocalCluster } from "./types";
import type { UserStore } from "./users";

/** The Elasticsearch resource of the local deployment. */
export const LOCAL_REF_ID = "main-elasticsearch";
const REMOTE_SETTING = /^cluster\.remote\.([^.]+)\.(mode|proxy_address|server_name|skip_unavailable|proxy_socket_connections|seeds)$/;
const MAX_PROXY_SOCKETS = 18;

type Scope = "persistent" | "transient";

function requirePrivilege(ctx: EsContext, name: string, grantedBy: string[]): void {
  if (holds(ctx.principal, grantedBy)) return;
  throw securityException(
    403,
    `action [${name}] is unauthorized for user [${ctx.principal.user.username}] with effective roles [${ctx.principal.user.roles.join(",")}], this action is granted by the cluster privileges [${grantedBy.join(",")}]`,
  );
}

/** `{"cluster":{"remote":{"a":{"mode":"proxy"}}}}` and `{"cluster.remote.a.mode":"proxy"}` both become flat keys. */
function flatten(value: unknown, prefix: string, into: Map<string, string | null>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
    return;
  }
  if (value === null) into.set(prefix, null);
  else if (Array.isArray(value)) into.set(prefix, value.map(String).join(","));
  else into.set(prefix, String(value));
}

function nest(flat: Map<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of [...flat].sort(([a], [b]) => a.localeCompare(b))) {
    const parts = key.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = value;
  }
  return root;
}

export class LocalCluster {
  private readonly settings: Record<Scope, Map<string, string>> = { persistent: new Map(), transient: new Map() };

  constructor(
    private readonly deployments: DeploymentStore,
    readonly deploymentId: string,
    private readonly remoteKeys: ApiKeyStore,
  ) {}

  /** Transient settings win over persistent ones, as in Elasticsearch. */
  private effective(name: string): string | undefined {
    return this.settings.transient.get(name) ?? this.settings.persistent.get(name);
  }

  private update(scope: Scope, changes: Map<string, string | null>): Map<string, string> {
    const unknown = [...changes.keys()].filter((key) => !REMOTE_SETTING.test(key));
    if (unknown.length > 0) throw illegalArgument(`${scope} setting [${unknown[0]}], not recognized`);
    const next = new Map(this.settings[scope]);
    for (const [key, value] of changes) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    for (const [key, value] of next) {
      const [, alias, name] = REMOTE_SETTING.exec(key)!;
      if (name === "mode" && value !== "proxy" && value !== "sniff") {
        throw illegalArgument(`No enum constant org.elasticsearch.transport.RemoteConnectionStrategy.ConnectionStrategy.${value.toUpperCase()}`);
      }
      if (name === "proxy_address" || name === "server_name" || name === "proxy_socket_connections") {
        const mode = (next.get(`cluster.remote.${alias}.mode`) ?? "sniff").toUpperCase();
        if (mode !== "PROXY") {
          throw illegalArgument(
            `Setting "${key}" cannot be used with the configured "cluster.remote.${alias}.mode" [required=PROXY, configured=${mode}]`,
          );
        }
      }
    }
    this.settings[scope] = next;
    return new Map([...changes].filter((entry): entry is [string, string] => entry[1] !== null));
  }

  /** Aliases with a proxy address or seeds configured (those Elasticsearch lists in `_remote/info`). */
  private aliases(): string[] {
    const aliases = new Set<string>();
    for (const scope of ["persistent", "transient"] as const) {
      for (const key of this.settings[scope].keys()) {
        const [, alias, name] = REMOTE_SETTING.exec(key)!;
        if (name === "proxy_address" || name === "seeds") aliases.add(alias!);
      }
    }
    return [...aliases].sort();
  }

  private credentials(alias: string): string | undefined {
    return this.deployments.secureSetting(this.deploymentId, LOCAL_REF_ID, `cluster.remote.${alias}.credentials`);
  }

  /** True only with proxy settings in place and the keystore holding the `encoded` of a live cross-cluster key. */
  connected(alias: string): boolean {
    if (this.effective(`cluster.remote.${alias}.mode`) !== "proxy" || !this.effective(`cluster.remote.${alias}.proxy_address`)) return false;
    const id = this.credentialsKeyId(alias);
    const key = id === undefined ? undefined : this.remoteKeys.get(id);
    return key !== undefined && key.type === "cross_cluster" && this.remoteKeys.isActive(key);
  }

  /** The id of the remote key whose `encoded` the keystore holds for the alias (live or not), never the secret. */
  credentialsKeyId(alias: string): string | undefined {
    const credentials = this.credentials(alias);
    return this.remoteKeys.list().find((key) => encodeApiKey(key.id, key.secret) === credentials)?.id;
  }

  remoteInfo(): Record<string, Record<string, unknown>> {
    return Object.fromEntries(
      this.aliases().map((alias) => {
        const connected = this.connected(alias);
        const mode = this.effective(`cluster.remote.${alias}.mode`) ?? "sniff";
        const setting = (name: string) => this.effective(`cluster.remote.${alias}.${name}`);
        const modeInfo =
          mode === "proxy"
            ? {
                proxy_address: setting("proxy_address"),
                server_name: setting("server_name") ?? "",
                num_proxy_sockets_connected: connected ? MAX_PROXY_SOCKETS : 0,
                max_proxy_socket_connections: Number(setting("proxy_socket_connections") ?? MAX_PROXY_SOCKETS),
              }
            : { seeds: (setting("seeds") ?? "").split(",").filter(Boolean), num_nodes_connected: 0, max_connections_per_cluster: 3 };
        return [
          alias,
          {
            connected,
            mode,
            ...modeInfo,
            initial_connect_timeout: "30s",
            skip_unavailable: setting("skip_unavailable") === "true",
            ...(this.credentials(alias) !== undefined && { cluster_credentials: "::es_redacted::" }),
          },
        ];
      }),
    );
  }

  /** What a test asserts against: the effective settings (flat) and the keystore entry names, never values. */
  inventory(): { persistent: Record<string, string>; transient: Record<string, string>; remoteInfo: Record<string, unknown> } {
    return {
      persistent: Object.fromEntries(this.settings.persistent),
      transient: Object.fromEntries(this.settings.transient),
      remoteInfo: this.remoteInfo(),
    };
  }

  routes(): EsRoute[] {
    return [
      {
        method: "PUT",
        path: "/_cluster/settings",
        params: ["flat_settings", "master_timeout", "timeout"],
        handler: (ctx) => {
          requirePrivilege(ctx, "cluster:admin/settings/update", ["manage", "all"]);
          const body = toPlain(ctx.body() as JsonNode) as Record<string, unknown> | null;
          const changes: Record<Scope, Map<string, string | null>> = { persistent: new Map(), transient: new Map() };
          for (const scope of ["persistent", "transient"] as const) flatten(body?.[scope] ?? {}, "", changes[scope]);
          if (changes.persistent.size + changes.transient.size === 0) throw validationFailed(["no settings to update"]);
          const flat = ctx.booleanParam("flat_settings") === true;
          const render = (applied: Map<string, string>) => (flat ? Object.fromEntries(applied) : nest(applied));
          // Validate both scopes before applying either.
          const before = { persistent: new Map(this.settings.persistent), transient: new Map(this.settings.transient) };
          try {
            const persistent = this.update("persistent", changes.persistent);
            const transient = this.update("transient", changes.transient);
            return jsonReply(200, { acknowledged: true, persistent: render(persistent), transient: render(transient) });
          } catch (error) {
            this.settings.persistent = before.persistent;
            this.settings.transient = before.transient;
            throw error;
          }
        },
      },
      {
        method: "GET",
        path: "/_cluster/settings",
        params: ["flat_settings", "include_defaults", "master_timeout", "timeout", "local"],
        handler: (ctx) => {
          requirePrivilege(ctx, "cluster:monitor/settings", ["monitor", "manage", "all"]);
          const flat = ctx.booleanParam("flat_settings") === true;
          const render = (scope: Scope) => (flat ? Object.fromEntries(this.settings[scope]) : nest(this.settings[scope]));
          return jsonReply(200, { persistent: render("persistent"), transient: render("transient") });
        },
      },
      {
        method: "GET",
        path: "/_remote/info",
        handler: (ctx) => {
          requirePrivilege(ctx, "cluster:monitor/remote/info", ["monitor", "manage", "all"]);
          return jsonReply(200, this.remoteInfo());
        },
      },
    ];
  }
}

/** What the emulator exposes of the local cluster (see `Emulator.local`). */
export interface LocalClusterHandle {
  api: EmulatorLocalCluster;
  close(): Promise<void>;
}

/**
 * Starts the local cluster's own listener, with its own request log (so `requests()` of the remote cluster is
 * unchanged) and the same users and credentials as the remote one; its Cloud deployment is added to `deployments`.
 */
export async function startLocalCluster(options: {
  deployments: DeploymentStore;
  remoteKeys: ApiKeyStore;
  users: UserStore;
  bearerToken: string;
  listener: Omit<ListenerOptions, "service" | "port" | "stats" | "control">;
  keyStore: ApiKeyStore;
}): Promise<LocalClusterHandle> {
  const deploymentId = options.deployments.add(LOCAL_REF_ID);
  const cluster = new LocalCluster(options.deployments, deploymentId, options.remoteKeys);
  const identity: ClusterIdentity = { nodeName: "emulator-local-node-1", clusterName: "emulator-local", clusterUuid: newId() };
  const stats = new Stats();
  const service = createEsService(
    [...clusterInfoRoutes(identity), ...cluster.routes()],
    new Authenticator(options.users, options.bearerToken, options.keyStore),
  );
  const listener = await Listener.start({ ...options.listener, service, stats, port: 0 });
  return {
    api: {
      esUrl: listener.url,
      deploymentId,
      refId: LOCAL_REF_ID,
      remoteInfo: () => structuredClone(cluster.remoteInfo()),
      connected: (alias) => cluster.connected(alias),
      credentialsKeyId: (alias) => cluster.credentialsKeyId(alias),
      settings: () => structuredClone(cluster.inventory()),
      keystore: () => options.deployments.inventory().find((d) => d.deploymentId === deploymentId)?.names ?? [],
      requests: () => stats.requests(),
      resetRequests: () => stats.reset(),
    },
    close: () => listener.close(),
  };
}
