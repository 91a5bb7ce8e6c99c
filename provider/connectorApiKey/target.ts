import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../connectionArgs";
import { thinProvider } from "../thinProvider";

export interface ConnectorTargetArgs {
  connectorId: pulumi.Input<string>;
  /** One concrete index (no wildcard, list, exclusion, date math or regular expression), checked at preview. */
  indexName: pulumi.Input<string>;
  connection?: pulumi.Input<ConnectionArgs>;
}

const provider = thinProvider("pulumi-elastic-keys/runtime/connectorApiKey");

/**
 * The first piece of a {@link ConnectorApiKey}: the connector the key is for, verified to exist before anything is
 * created (the key's role is built from this resource's outputs, so the key cannot be created before it), and the
 * index name, refused at preview unless it is one concrete index. It writes nothing and its delete calls nothing.
 */
export class ConnectorTarget extends pulumi.dynamic.Resource {
  declare public readonly connectorId: pulumi.Output<string>;
  declare public readonly indexName: pulumi.Output<string>;

  constructor(name: string, args: ConnectorTargetArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: args.connection === undefined ? undefined : pulumi.secret(args.connection) };
    const secretOpts: pulumi.CustomResourceOptions = { additionalSecretOutputs: ["connection"] };
    super(provider, name, props, pulumi.mergeOptions(opts, secretOpts), "elastic", "ConnectorTarget");
  }
}
