import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../connectionArgs";
import { thinProvider } from "../thinProvider";
import { secretIfSet, withSecretOutputs } from "../secretInputs";

/** The inputs of a {@link RemoteClusterReadiness}; any change checks again. */
export interface RemoteClusterReadinessArgs {
  /** The remote cluster alias to check. */
  alias: pulumi.Input<string>;
  /** Non-secret facts the connection depends on (e.g. the key id); any change runs the check again. */
  expect?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** How long to wait for `connected: true`. Default: `2m`; at most `1h`. */
  readinessTimeout?: pulumi.Input<string>;
  /** Connection to the LOCAL cluster (needs the `monitor` cluster privilege). */
  connection?: pulumi.Input<ConnectionArgs>;
}

const provider = thinProvider("pulumi-elastic-keys/runtime/remoteClusterReadiness");

/**
 * A readiness check: its create and update wait until `GET _remote/info` on the local cluster reports the alias
 * `connected: true`, and fail (naming the alias and what `_remote/info` said) when the time is up.
 */
export class RemoteClusterReadiness extends pulumi.dynamic.Resource {
  /** The remote cluster alias that was found connected. */
  declare public readonly alias: pulumi.Output<string>;
  /** The connection mode `_remote/info` reported (`proxy`). */
  declare public readonly mode: pulumi.Output<string>;

  /** Waits at `up` until the alias is connected, for at most `readinessTimeout`. */
  constructor(name: string, args: RemoteClusterReadinessArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, mode: undefined, connection: secretIfSet(args.connection) };
    super(provider, name, props, withSecretOutputs(opts, ["connection"]), "elastic", "RemoteClusterReadiness");
  }
}
