import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../connectionArgs";
import { thinProvider } from "../thinProvider";
import { secretIfSet, withSecretOutputs } from "../secretInputs";

/** The inputs of a {@link RemoteClusterSettings}; changes are written in place, a new `alias` replaces. */
export interface RemoteClusterSettingsArgs {
  /** The remote cluster alias (`cluster.remote.<alias>.*`). Changing it replaces the settings. */
  alias: pulumi.Input<string>;
  /** host:port of the remote cluster's remote cluster server (port 9443 on Elastic Cloud). */
  proxyAddress: pulumi.Input<string>;
  /** TLS server name (SNI) of the remote cluster's proxy. Default: none. */
  serverName?: pulumi.Input<string>;
  /** Whether cross-cluster searches skip this cluster when it is unavailable. Default: Elasticsearch's. */
  skipUnavailable?: pulumi.Input<boolean>;
  /** Connection to the LOCAL cluster (needs the `manage` cluster privilege). */
  connection?: pulumi.Input<ConnectionArgs>;
}

const provider = thinProvider("pulumi-elastic-keys/runtime/remoteClusterSettings");

/**
 * A remote cluster on the local cluster in proxy mode: persistent `cluster.remote.<alias>.mode: proxy`,
 * `proxy_address` and `server_name` (`PUT _cluster/settings`); all reset on delete.
 */
export class RemoteClusterSettings extends pulumi.dynamic.Resource {
  /** The remote cluster alias. */
  declare public readonly alias: pulumi.Output<string>;
  /** The remote cluster server address the local cluster connects to. */
  declare public readonly proxyAddress: pulumi.Output<string>;

  /** Writes the settings at `up` (`PUT _cluster/settings`); resets them on destroy. */
  constructor(name: string, args: RemoteClusterSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: secretIfSet(args.connection) };
    super(provider, name, props, withSecretOutputs(opts, ["connection"]), "elastic", "RemoteClusterSettings");
  }
}
