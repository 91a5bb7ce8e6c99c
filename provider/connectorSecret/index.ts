import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../connectionArgs";
import { thinProvider } from "../thinProvider";
import { secretIfSet, withSecretOutputs } from "../secretInputs";

/** The inputs of a {@link ConnectorSecret}. A new `value` replaces the secret; `connection` is only stored. */
export interface ConnectorSecretArgs {
  /** The secret to store, e.g. an API key's `encoded` value for an Elastic-managed connector. Required, non-empty. Stored encrypted; changing it replaces the secret. */
  value: pulumi.Input<string>;
  /** Per-resource connection settings; each field overrides stack config and the environment. Stored encrypted. */
  connection?: pulumi.Input<ConnectionArgs>;
}

const provider = thinProvider("pulumi-elastic-keys/runtime/connectorSecret");

/**
 * A connector secret (`POST _connector/_secret`), the store Elastic-managed connectors read their API key from.
 * Destroy deletes it. A create whose outcome is unknown is not retried: secrets cannot be looked up by content.
 */
export class ConnectorSecret extends pulumi.dynamic.Resource {
  /** The secret's id (also the resource id), what `ConnectorApiKeyBinding.apiKeySecretId` takes. */
  declare public readonly secretId: pulumi.Output<string>;
  /** The stored value (secret output). */
  declare public readonly value: pulumi.Output<string>;

  /**
   * Declares the secret; `up` stores it.
   * @param name The Pulumi resource name (unique per type in the stack).
   * @param args The inputs.
   * @param opts Resource options (`additionalSecretOutputs` for the value is added to them), e.g. `parent`, `dependsOn`, `retainOnDelete`.
   */
  constructor(name: string, args: ConnectorSecretArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      value: pulumi.secret(args.value),
      connection: secretIfSet(args.connection),
      secretId: undefined,
    };
    super(provider, name, props, withSecretOutputs(opts, ["value", "connection"]), "elastic", "ConnectorSecret");
  }
}
