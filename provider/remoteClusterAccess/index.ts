import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../connectionArgs";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../crossClusterApiKey";
import { KeystoreEntry } from "../keystoreEntry";
import { RemoteClusterReadiness } from "../remoteClusterReadiness";
import { RemoteClusterSettings } from "../remoteClusterSettings";

/** The local side: the Elastic Cloud deployment that connects to the remote cluster. */
export interface RemoteClusterAccessLocalArgs {
  /** The local Elastic Cloud deployment's id (32 hexadecimal characters). */
  deploymentId: pulumi.Input<string>;
  /** Its Elasticsearch resource. Default: `main-elasticsearch`. */
  refId?: pulumi.Input<string>;
  /** host:port of the REMOTE cluster's remote cluster server (port 9443 on Elastic Cloud). */
  proxyAddress: pulumi.Input<string>;
  /** TLS server name of the remote cluster's proxy (the Cloud console shows it next to the proxy address). */
  serverName?: pulumi.Input<string>;
  /** `cluster.remote.<alias>.skip_unavailable` on the local cluster; default: Elasticsearch's. Updated in place. */
  skipUnavailable?: pulumi.Input<boolean>;
  /** How long to wait for `_remote/info` to report the alias connected, after creation and after each key change. Default `2m`. */
  readinessTimeout?: pulumi.Input<string>;
  /**
   * Connection to the LOCAL deployment: `endpoints` and credentials of its Elasticsearch (`manage` and `monitor`
   * cluster privileges) and `cloudApiKey`/`cloudEndpoint` of the Elastic Cloud API. Stored encrypted.
   */
  connection?: pulumi.Input<ConnectionArgs>;
}

/** The inputs of a {@link RemoteClusterAccess}: the alias, the key on the remote cluster, and the local deployment. */
export interface RemoteClusterAccessArgs {
  /** The remote cluster alias on the local deployment (`<alias>:logs-*` in searches). Changing it moves everything to the new alias. */
  alias: pulumi.Input<string>;
  /** The cross-cluster API key created on the REMOTE cluster (`adoptKeyId` is not supported: its key material would be unknown). */
  remote: Omit<CrossClusterApiKeyArgs, "adoptKeyId">;
  /** The Elastic Cloud deployment that connects to the remote cluster under `alias`. */
  local: RemoteClusterAccessLocalArgs;
}

function checkPlainArgs(name: string, args: RemoteClusterAccessArgs): void {
  const problems: string[] = [];
  if (args.alias === undefined || args.alias === "") problems.push("alias is required");
  if (!args.remote || typeof args.remote !== "object") problems.push("remote is required (the cross-cluster API key's access, expiration, rotateAfter, connection)");
  if (!args.local || typeof args.local !== "object") problems.push("local is required (deploymentId, proxyAddress, connection)");
  else {
    if (args.local.deploymentId === undefined || args.local.deploymentId === "") problems.push("local.deploymentId is required");
    if (args.local.proxyAddress === undefined || args.local.proxyAddress === "") problems.push("local.proxyAddress is required");
  }
  if ((args.remote as { adoptKeyId?: unknown } | undefined)?.adoptKeyId !== undefined) {
    problems.push("remote.adoptKeyId is not supported: an adopted key's encoded value cannot be read, so it cannot be put in the keystore");
  }
  if (problems.length > 0) throw new Error(`RemoteClusterAccess ${JSON.stringify(name)}: ${problems.join("; ")}`);
}

/**
 * Cross-cluster access with the API key security model, both sides at once: a cross-cluster API key on the remote
 * cluster, its `encoded` value in the local Cloud deployment's keystore (`cluster.remote.<alias>.credentials`), the
 * alias in proxy mode on the local cluster, and a readiness check (`_remote/info` → `connected: true`).
 *
 * Rotation without an outage (`remote.rotateAfter`, a changed `remote.triggers`, or anything that replaces the key):
 * the engine creates the new key, the keystore entry is updated to it and must connect (else the previous key is
 * written back and the update fails), the readiness check runs again, and only at the end of the update does the
 * engine invalidate the old key (create-before-delete). Destroy resets the alias' settings, removes the keystore entry, then invalidates the key.
 */
export class RemoteClusterAccess extends pulumi.ComponentResource {
  /** The cross-cluster API key on the remote cluster (child `<name>-key`). */
  readonly key: CrossClusterApiKey;
  /** The local deployment's keystore entry `cluster.remote.<alias>.credentials` (child `<name>-keystore`). */
  readonly keystoreEntry: KeystoreEntry;
  /** The remote cluster settings on the local cluster. */
  readonly settings: RemoteClusterSettings;
  /** The check that the local cluster reports the alias connected. */
  readonly readiness: RemoteClusterReadiness;
  /** The id of the key in use. */
  readonly keyId: pulumi.Output<string>;
  /** The key's encoded value, as it is in the keystore (secret output). */
  readonly encoded: pulumi.Output<string>;

  /** Declares the four children; a rotation replaces the key and moves the keystore entry to it before the old key goes. */
  constructor(name: string, args: RemoteClusterAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    checkPlainArgs(name, args);
    // No inputs registered for the component itself: connections and key material must never reach state in clear.
    super("pulumi-elastic-keys:index:RemoteClusterAccess", name, {}, opts);
    const { alias, local } = args;
    const connection = local.connection;

    this.key = new CrossClusterApiKey(`${name}-key`, { ...args.remote, name: args.remote.name ?? name }, { parent: this });
    this.encoded = pulumi.secret(this.key.encoded.apply((e) => e ?? ""));

    this.keystoreEntry = new KeystoreEntry(
      `${name}-keystore`,
      {
        deploymentId: local.deploymentId,
        refId: local.refId,
        setting: pulumi.interpolate`cluster.remote.${alias}.credentials`,
        value: this.encoded,
        verify: { alias, readinessTimeout: local.readinessTimeout },
        verifyConnection: connection,
        connection,
      },
      { parent: this, dependsOn: [this.key] },
    );
    // After the keystore entry, so that destroy resets the alias before its credentials disappear.
    this.settings = new RemoteClusterSettings(
      `${name}-settings`,
      { alias, proxyAddress: local.proxyAddress, serverName: local.serverName, skipUnavailable: local.skipUnavailable, connection },
      { parent: this, dependsOn: [this.keystoreEntry] },
    );
    this.readiness = new RemoteClusterReadiness(
      `${name}-readiness`,
      {
        alias,
        expect: pulumi
          .all([this.key.keyId, local.proxyAddress, local.serverName, this.keystoreEntry.id])
          .apply(([keyId, proxyAddress, serverName, entry]): Record<string, string> => ({ keyId, proxyAddress, entry, ...(serverName && { serverName }) })),
        readinessTimeout: local.readinessTimeout,
        connection,
      },
      { parent: this, dependsOn: [this.keystoreEntry, this.settings] },
    );

    this.keyId = this.key.keyId;
    this.registerOutputs({ keyId: this.keyId, encoded: this.encoded });
  }
}

export { selfManagedKeystoreSteps } from "./selfManaged";
