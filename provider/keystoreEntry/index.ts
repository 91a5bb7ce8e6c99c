import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../connectionArgs";
import { thinProvider } from "../thinProvider";
import { secretIfSet, withSecretOutputs } from "../secretInputs";

/** The inputs of a {@link KeystoreEntry}; `value` is a secret. A new `value` is written in place. */
export interface KeystoreEntryArgs {
  /** The Elastic Cloud deployment (32 hexadecimal characters). Changing it replaces the entry. */
  deploymentId: pulumi.Input<string>;
  /** The deployment's Elasticsearch resource. Default: `main-elasticsearch`. Changing it replaces the entry. */
  refId?: pulumi.Input<string>;
  /** The secure setting's name, e.g. `cluster.remote.prod.credentials`. Changing it replaces the entry. */
  setting: pulumi.Input<string>;
  /** The value (key material: always stored and shown as a secret). Changing it updates the entry in place. */
  value: pulumi.Input<string>;
  /**
   * Prove a changed value before keeping it: after writing it, wait for `GET _remote/info` on the local cluster to
   * report `alias` connected, and write the previous value back if it does not.
   */
  verify?: pulumi.Input<{ alias: pulumi.Input<string>; readinessTimeout?: pulumi.Input<string> }>;
  /** Connection to the LOCAL cluster for `verify` (`monitor` privilege). Stored encrypted. */
  verifyConnection?: pulumi.Input<ConnectionArgs>;
  /** Elastic Cloud connection settings (`cloudEndpoint`, `cloudApiKey`); override stack config and the environment. */
  connection?: pulumi.Input<ConnectionArgs>;
}

const provider = thinProvider("pulumi-elastic-keys/runtime/keystoreEntry");
const SECRET_OUTPUTS = ["value", "verifyConnection", "connection"];

/**
 * One entry of an Elastic Cloud deployment's Elasticsearch keystore, written with
 * `PATCH /api/v1/deployments/{id}/elasticsearch/{ref_id}/keystore` and removed (`null`) on delete.
 */
export class KeystoreEntry extends pulumi.dynamic.Resource {
  /** The Elastic Cloud deployment whose keystore holds the entry. */
  declare public readonly deploymentId: pulumi.Output<string>;
  /** The deployment's Elasticsearch resource (default `main-elasticsearch`). */
  declare public readonly refId: pulumi.Output<string>;
  /** The keystore setting, e.g. `cluster.remote.<alias>.credentials`. */
  declare public readonly setting: pulumi.Output<string>;

  /** Writes the entry at `up` (and verifies the connection first when `verify` is set); removes it on destroy. */
  constructor(name: string, args: KeystoreEntryArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      refId: args.refId ?? "main-elasticsearch",
      value: pulumi.secret(args.value),
      verifyConnection: secretIfSet(args.verifyConnection),
      connection: secretIfSet(args.connection),
    };
    super(provider, name, props, withSecretOutputs(opts, SECRET_OUTPUTS), "elastic", "KeystoreEntry");
  }
}
