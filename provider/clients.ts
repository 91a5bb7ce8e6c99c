import { CloudClient, DeploymentKeystoreClient, ElasticsearchClient, RemoteClustersClient } from "../sdk";
import type { ConnectionInput } from "./connection";
import { cloudOptions, connectionKey, elasticsearchOptions, type UsedSettings } from "./credentials";

// One client per distinct connection for the life of the host process, so that every resource of a `pulumi up`
// shares the same keep-alive pool instead of opening a connection per call.
const elasticsearchClients = new Map<string, ElasticsearchClient>();
const cloudClients = new Map<string, CloudClient>();
const keystoreClients = new Map<string, DeploymentKeystoreClient>();
const remoteClustersClients = new Map<string, RemoteClustersClient>();

/** The settings behind the client whose call threw `err`, so advice can name the one actually used. */
const settingsOfFailure = new WeakMap<object, UsedSettings>();

export function settingsUsedBy(err: unknown): UsedSettings | undefined {
  return typeof err === "object" && err !== null ? settingsOfFailure.get(err) : undefined;
}

/**
 * The client with every method's failure tagged with `used`. A proxy rather than a parameter threaded through every
 * resource's code: the clients are shared, but the settings that reached them are what the advice must name.
 */
function tagged<C extends object>(client: C, used: UsedSettings): C {
  const tag = (err: unknown) => {
    if (typeof err === "object" && err !== null && !settingsOfFailure.has(err)) settingsOfFailure.set(err, used);
    return err;
  };
  return new Proxy(client, {
    get(target, property) {
      const member: unknown = Reflect.get(target, property, target);
      if (typeof member !== "function") return member;
      return (...args: unknown[]) => {
        try {
          const result: unknown = member.apply(target, args);
          return result instanceof Promise ? result.catch((err: unknown) => Promise.reject(tag(err))) : result;
        } catch (err) {
          throw tag(err);
        }
      };
    },
  });
}

function cached<C extends object>(cache: Map<string, C>, resolved: { options: unknown; used: UsedSettings }, make: () => C): C {
  // The sources are part of the key: the same credential set in two places is advised about by its own name.
  const key = connectionKey({ options: resolved.options, used: resolved.used });
  let client = cache.get(key);
  if (!client) {
    client = tagged(make(), resolved.used);
    cache.set(key, client);
  }
  return client;
}

export function elasticsearchClient(override?: ConnectionInput): ElasticsearchClient {
  const resolved = elasticsearchOptions(override);
  return cached(elasticsearchClients, resolved, () => new ElasticsearchClient(resolved.options));
}

export function cloudClient(override?: ConnectionInput): CloudClient {
  const resolved = cloudOptions(override);
  return cached(cloudClients, resolved, () => new CloudClient(resolved.options));
}

/** The deployment keystore client for the Elastic Cloud connection (`cloudEndpoint`, `cloudApiKey`). */
export function keystoreClient(override?: ConnectionInput): DeploymentKeystoreClient {
  const resolved = cloudOptions(override);
  return cached(keystoreClients, resolved, () => new DeploymentKeystoreClient(resolved.options));
}

/** The `_cluster/settings` / `_remote/info` client for the Elasticsearch connection (the local cluster). */
export function remoteClustersClient(override?: ConnectionInput): RemoteClustersClient {
  const resolved = elasticsearchOptions(override);
  return cached(remoteClustersClients, resolved, () => new RemoteClustersClient(resolved.options));
}
