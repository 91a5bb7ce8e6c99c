import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../connectionArgs";
import { thinProvider } from "../thinProvider";
import { secretIfSet, withSecretOutputs } from "../secretInputs";

/**
 * The inputs of a {@link ConnectorApiKeyBinding}. Changing `connectorId` replaces the binding; `apiKeyId` and
 * `apiKeySecretId` update it in place; `connection` is only stored.
 */
export interface ConnectorApiKeyBindingArgs {
  /** Id of an existing connector (`PUT _connector/{id}` creates one). Required. Changing it replaces the binding: the new connector is bound before the old one is unbound. */
  connectorId: pulumi.Input<string>;
  /** Id of a live REST API key (not invalidated, not expired) the connector authenticates with. Required. Updated in place. */
  apiKeyId: pulumi.Input<string>;
  /**
   * Id of a connector secret (`POST _connector/_secret`) holding the key's `encoded` value. Needed for
   * Elastic-managed (native) connectors only; self-managed connectors read the key from their own config.
   * Default: the connector's secret id is left as it is. Updated in place; removing it clears the connector's.
   */
  apiKeySecretId?: pulumi.Input<string>;
  /** Per-resource connection settings; each field overrides stack config and the environment. Stored encrypted. */
  connection?: pulumi.Input<ConnectionArgs>;
}

const provider = thinProvider("pulumi-elastic-keys/runtime/connectorApiKeyBinding");

/**
 * Binds an API key (and, for Elastic-managed connectors, the connector secret holding it) to a connector:
 * `PUT _connector/{id}/_api_key_id`. Every create and update first checks that the connector, the key and the
 * secret exist and that the key is live, and changes nothing otherwise. Destroy unbinds (writes `""`) unless the
 * connector was rebound to another key since, or `retainOnDelete` is set. The resource id is the connector id.
 */
export class ConnectorApiKeyBinding extends pulumi.dynamic.Resource {
  /** The connector's id (also the resource id). */
  declare public readonly connectorId: pulumi.Output<string>;
  /** The API key the connector is bound to. */
  declare public readonly apiKeyId: pulumi.Output<string>;
  /** The connector secret bound with it; undefined when the input was not set. */
  declare public readonly apiKeySecretId: pulumi.Output<string | undefined>;

  /**
   * Declares the binding; `up` binds the key (and secret) to the connector.
   * @param name The Pulumi resource name (unique per type in the stack).
   * @param args The inputs.
   * @param opts Resource options, e.g. `parent`, `dependsOn`, `protect`, `retainOnDelete` (which keeps the binding on destroy).
   */
  constructor(name: string, args: ConnectorApiKeyBindingArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      // Named even when absent, so that the declared output exists (as undefined) on every instance.
      apiKeySecretId: args.apiKeySecretId,
      connection: secretIfSet(args.connection),
    };
    super(provider, name, props, withSecretOutputs(opts, ["connection"]), "elastic", "ConnectorApiKeyBinding");
  }
}
