import { CloudClient, ElasticsearchClient } from "../sdk";
import type { ConnectionInput } from "./connection";
import { cloudOptions, connectionKey, elasticsearchOptions } from "./credentials";

// One client per distinct connection for the life of the host process, so that every resource of a `pulumi up`
// shares the same keep-alive pool instead of opening a connection per call.
const elasticsearchClients = new Map<string, ElasticsearchClient>();
const cloudClients = new Map<string, CloudClient>();

export function elasticsearchClient(override?: ConnectionInput): ElasticsearchClient {
  const options = elasticsearchOptions(override);
  const key = connectionKey(options);
  let client = elasticsearchClients.get(key);
  if (!client) {
    client = new ElasticsearchClient(options);
    elasticsearchClients.set(key, client);
  }
  return client;
}

export function cloudClient(override?: ConnectionInput): CloudClient {
  const options = cloudOptions(override);
  const key = connectionKey(options);
  let client = cloudClients.get(key);
  if (!client) {
    client = new CloudClient(options);
    cloudClients.set(key, client);
  }
  return client;
}
