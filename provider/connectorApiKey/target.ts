import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../connectionArgs";
import { thinProvider } from "../thinProvider";
import { secretIfSet, withSecretOutputs } from "../secretInputs";

/** The inputs of a {@link ConnectorTarget}. Any change replaces it (and so the key built from its outputs). */
export interface ConnectorTargetArgs {
  /** Id of the connector; it must exist when `up` runs. */
  connectorId: pulumi.Input<string>;
  /** One concrete index (no wildcard, list, exclusion, date math or regular expression), checked at preview. */
  indexName: pulumi.Input<string>;
  /** Per-resource connection settings (see {@link ConnectionArgs}); default: stack config / environment. */
  connection?: pulumi.Input<ConnectionArgs>;
}

const provider = thinProvider("pulumi-elastic-keys/runtime/connectorApiKey");

/**
 * The first piece of a {@link ConnectorApiKey}: the connector the key is for, verified to exist before anything is
 * created (the key's role is built from this resource's outputs, so the key cannot be created before it), and the
 * index name, refused at preview unless it is one concrete index. It writes nothing and its delete calls nothing.
 */
export class ConnectorTarget extends pulumi.dynamic.Resource {
  /** The connector's id, as read back from Elasticsearch. */
  declare public readonly connectorId: pulumi.Output<string>;
  /** The connector's content index the key is for. */
  declare public readonly indexName: pulumi.Output<string>;

  /** Verifies the connector at `up` (one `GET _connector/{id}`); writes nothing. */
  constructor(name: string, args: ConnectorTargetArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: secretIfSet(args.connection) };
    super(provider, name, props, withSecretOutputs(opts, ["connection"]), "elastic", "ConnectorTarget");
  }
}
