/**
 * An in-process emulator of Elasticsearch's security API-key, connector and connector-secret APIs and of Elastic
 * Cloud's Cloud Connected API, over real HTTP. Behaviour follows ../shared/elastic-api-notes.md; see README.md.
 */
import { randomBytes, randomInt } from "node:crypto";
import { Authenticator } from "./auth";
import { Clock } from "./clock";
import { createCloudService, CloudStore } from "./cloud";
import { clusterInfoRoutes, type ClusterIdentity, supportsCertificateIdentity } from "./cluster-info";
import { ConnectorStore } from "./connectors";
import { createControl } from "./control";
import { cloudKeyAccess, DeploymentStore, withDeploymentKeystore } from "./deployments";
import { createEsService } from "./es-service";
import { FaultRegistry } from "./faults";
import { encodeApiKey, newApiKeySecret, newBearerToken, newCloudKey, newId, newPassword } from "./ids";
import { SecretLog } from "./secret-log";
import { ApiKeyStore, inventoryItem } from "./security-keys";
import { securityRoutes } from "./security-routes";
import { Listener } from "./server";
import { startLocalCluster } from "./local-cluster";
import { Stats } from "./stats";
import type { Emulator, EmulatorCredentials, EmulatorOptions, Inventory } from "./types";
import { securityAdminRoutes } from "./security-admin-routes";
import { UserStore } from "./users";
import { registerSecretSource } from "../support/secret-registry";

export type * from "./types";
export { PENDING_KEY_LIFETIME_MS } from "./cloud";

function resolveCredentials(fixed: Partial<EmulatorCredentials> = {}): EmulatorCredentials {
  const restId = fixed.restApiKey?.id ?? newId();
  const restSecret = fixed.restApiKey?.api_key ?? newApiKeySecret();
  return {
    superuser: fixed.superuser ?? { username: "elastic", password: newPassword() },
    apiKeyAdmin: fixed.apiKeyAdmin ?? { username: "key_admin", password: newPassword() },
    noPrivileges: fixed.noPrivileges ?? { username: "viewer", password: newPassword() },
    bearerToken: fixed.bearerToken ?? newBearerToken(),
    restApiKey: { id: restId, api_key: restSecret, encoded: encodeApiKey(restId, restSecret) },
    cloudApiKey: fixed.cloudApiKey ?? newCloudKey(),
    cloudReadOnlyApiKey: fixed.cloudReadOnlyApiKey ?? newCloudKey(),
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = new Clock(options.now ?? Date.now());
  const secrets = new SecretLog();
  const credentials = resolveCredentials(options.credentials);
  secrets.remember(
    credentials.superuser.password,
    credentials.apiKeyAdmin.password,
    credentials.noPrivileges.password,
    credentials.bearerToken,
    credentials.cloudApiKey,
    credentials.cloudReadOnlyApiKey,
  );

  const users = new UserStore(credentials);
  const apiKeys = new ApiKeyStore(clock, secrets);
  // A fresh cluster has no API key: the superuser's REST key exists only when asked for.
  if (options.restApiKey) {
    apiKeys.create({
      type: "rest",
      name: "emulator-rest-key",
      owner: users.resolve(users.superuser)!,
      fixed: { id: credentials.restApiKey.id, secret: credentials.restApiKey.api_key },
    });
  }

  const identity: ClusterIdentity = {
    nodeName: "emulator-node-1",
    clusterName: "emulator",
    clusterUuid: randomBytes(16).toString("base64url"),
  };
  const connectors = new ConnectorStore(secrets);
  const cloud = new CloudStore(clock, secrets, String(randomInt(1_000_000_000, 9_999_999_999)));
  const defaultClusterId = cloud.add("emulated-cluster", identity);

  const esService = createEsService(
    [
      ...clusterInfoRoutes(identity, options.esVersion),
      // Without esVersion the emulator answers as 8.15 but takes Stack 9.3's certificate_identity (see README).
      ...securityRoutes(apiKeys, { certificateIdentity: options.esVersion === undefined || supportsCertificateIdentity(options.esVersion) }),
      ...securityAdminRoutes(users, secrets),
      ...connectors.routes(),
    ],
    new Authenticator(users, credentials.bearerToken, apiKeys),
  );
  const cloudKeys = { full: credentials.cloudApiKey, readOnly: credentials.cloudReadOnlyApiKey };
  const deployments = new DeploymentStore(secrets);
  const cloudService = withDeploymentKeystore(createCloudService(cloud, cloudKeys), deployments, cloudKeyAccess(cloudKeys));

  const stats = new Stats();
  const faults = new FaultRegistry(options.seed ?? randomInt(2 ** 32));
  const inventory = (): Inventory =>
    // Round-tripping through JSON guarantees a deep, JSON-clean copy.
    JSON.parse(
      JSON.stringify({ apiKeys: apiKeys.list().map(inventoryItem), ...connectors.inventory(), clusters: cloud.inventory() }),
    ) as Inventory;
  const addCloudCluster = (name?: string): string => cloud.add(name ?? "emulated-cluster", identity);
  const cloudKeyStatus = (key: string): ReturnType<CloudStore["keyStatus"]> => cloud.keyStatus(key);

  const host = options.host ?? "127.0.0.1";
  const common = { host, tls: options.tls, stats, faults, clock };
  const control = createControl({
    inventory,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    requests: () => stats.requests(),
    addCloudCluster,
    cloudKeyStatus,
    faults,
    clock,
  });
  const esListener = await Listener.start({ ...common, service: esService, port: options.esPort ?? 0, control });
  let cloudListener: Listener;
  try {
    cloudListener = await Listener.start({ ...common, service: cloudService, port: options.cloudPort ?? 0 });
  } catch (error) {
    await esListener.close();
    throw error;
  }
  const local = await startLocalCluster({
    deployments,
    remoteKeys: apiKeys,
    users,
    bearerToken: credentials.bearerToken,
    listener: { host, tls: options.tls, faults, clock },
    keyStore: new ApiKeyStore(clock, secrets),
  }).catch(async (error: unknown) => {
    await Promise.all([esListener.close(), cloudListener.close()]);
    throw error;
  });

  const emulator: Emulator = {
    esUrl: esListener.url,
    cloudUrl: cloudListener.url,
    credentials,
    defaultClusterId,
    addCloudCluster,
    faults: { inject: (rule) => faults.inject(rule), clear: () => faults.clear() },
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms), set: (ms) => clock.set(ms) },
    inventory,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    requests: () => stats.requests(),
    issuedSecrets: () => secrets.all(),
    cloudKeyStatus,
    close: async () => {
      await Promise.all([esListener.close(), cloudListener.close(), local.close()]);
    },
    local: local.api,
  };
  // The test suite's secret scanner searches everything a test produced for what this emulator issued or accepted.
  registerSecretSource(emulator);
  return emulator;
}
