import * as pulumi from "@pulumi/pulumi";
import { ApiKey, type ApiKeyArgs } from "../apiKey";
import type { ConnectionArgs } from "../connectionArgs";
import { ConnectorApiKeyBinding } from "../connectorApiKeyBinding";
import { ConnectorSecret } from "../connectorSecret";
import { connectorRoleDescriptors } from "./roleDescriptors";
import { ConnectorTarget } from "./target";

export { connectorRoleDescriptors } from "./roleDescriptors";
export { ConnectorTarget, type ConnectorTargetArgs } from "./target";

/**
 * The inputs of a {@link ConnectorApiKey}. `connectorId` and `indexName` are required (checked when the program
 * runs). Changing `connectorId` replaces all three children; changing `indexName`, `keyName`, `expiration` or
 * `metadata` replaces the key and the secret and moves the binding to them in place; `connection` is only stored.
 */
export interface ConnectorApiKeyArgs {
  /** Id of an existing connector. Required. Changing it replaces the key, the secret and the binding. */
  connectorId: pulumi.Input<string>;
  /**
   * The connector's content index; the key may write only it, its ACL index and the connectors' system indices.
   * Required, and one concrete index: a wildcard, list, exclusion, date math or regular expression is refused at
   * preview (the key gets `all` on it).
   */
  indexName: pulumi.Input<string>;
  /**
   * True for an Elastic-managed (native) connector: the key's encoded value is stored as a connector secret and
   * bound too. Self-managed connectors read the key from their own configuration (use the `encoded` output).
   * A plain boolean because it decides whether the secret exists at all. Default: false.
   */
  managed?: boolean;
  /** The API key's name. Default: `<connectorId>-api-key`. Changing it replaces the key. */
  keyName?: pulumi.Input<string>;
  /** The key's lifetime as an Elasticsearch duration (`90d`). Default: never expires. Changing it replaces the key. */
  expiration?: pulumi.Input<string>;
  /** Metadata of the key. Default: `{}`. Changing it replaces the key. */
  metadata?: pulumi.Input<Record<string, unknown>>;
  /** When preview and up start warning that the key expires: the key's `expiryWarning` (see {@link ApiKeyArgs}). Default: `14d`, or a third of a shorter-lived key's `expiration`; `"0"` for never. */
  expiryWarning?: pulumi.Input<string>;
  /** Connection settings for all three pieces; each field overrides stack config and the environment. Stored encrypted. */
  connection?: pulumi.Input<ConnectionArgs>;
}

/**
 * Arguments known when the program runs are checked here, before any child exists, so `up` fails before creating a
 * key. The index name's rules are ConnectorTarget's check, which names the property at preview.
 */
function checkPlainArgs(name: string, args: ConnectorApiKeyArgs): void {
  const problems: string[] = [];
  for (const field of ["connectorId", "indexName"] as const) {
    const value: unknown = args[field];
    if (value === undefined || value === "") problems.push(`${field} is required and must not be empty`);
  }
  if (args.managed !== undefined && typeof args.managed !== "boolean") problems.push("managed must be true or false");
  if (problems.length > 0) throw new Error(`ConnectorApiKey ${JSON.stringify(name)}: ${problems.join("; ")}`);
}

/**
 * The three calls that give a connector its credentials, as one component: after verifying that the connector
 * exists ({@link ConnectorTarget}, which creates nothing), an API key scoped to the connector's index
 * ({@link connectorRoleDescriptors}), for a `managed` connector a connector secret holding its encoded value, and
 * the binding of both to the connector. Each piece is its own resource (a child of this one), so whatever was
 * created stays in state even if a later piece fails, and destroy runs in dependency order: unbind, then delete
 * the secret, then invalidate the key. Key material outputs are secret.
 */
export class ConnectorApiKey extends pulumi.ComponentResource {
  /** The connector, verified to exist before anything else is created. */
  readonly target: ConnectorTarget;
  /** The connector's API key (child `<name>-key`). */
  readonly key: ApiKey;
  /** The connector secret holding the key's encoded value (child `<name>-secret`); only for `managed` connectors. */
  readonly secret: ConnectorSecret | undefined;
  /** The binding of key (and secret) to the connector (child `<name>-binding`). */
  readonly binding: ConnectorApiKeyBinding;
  /** The API key's id. */
  readonly keyId: pulumi.Output<string>;
  /** base64(`id:api_key`), for a self-managed connector's configuration (secret output). */
  readonly encoded: pulumi.Output<string>;
  /** The connector secret's id; undefined unless `managed`. */
  readonly secretId: pulumi.Output<string | undefined>;

  /**
   * Declares the component and its children; `up` creates key, secret and binding in that order.
   * @param name The Pulumi resource name; the children are named `<name>-key`, `<name>-secret`, `<name>-binding`.
   * @param args The inputs.
   * @param opts Component options, e.g. `parent`, `dependsOn`, `protect`.
   */
  constructor(name: string, args: ConnectorApiKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    checkPlainArgs(name, args);
    // No inputs are registered for the component itself: `connection` must never reach state unencrypted.
    super("pulumi-elastic-keys:index:ConnectorApiKey", name, {}, opts);
    const { connection } = args;

    // First, and nothing else before it: the connector must exist. The key's role is built from this piece's
    // outputs, so the key (and after it the secret and the binding) is only created once the connector is verified.
    this.target = new ConnectorTarget(`${name}-connector`, { connectorId: args.connectorId, indexName: args.indexName, connection }, { parent: this });
    const connectorId = this.target.connectorId;

    this.key = new ApiKey(
      `${name}-key`,
      {
        name: args.keyName ?? pulumi.interpolate`${connectorId}-api-key`,
        roleDescriptors: pulumi.all([connectorId, this.target.indexName]).apply(([id, index]) => connectorRoleDescriptors(id, index)),
        expiration: args.expiration,
        metadata: args.metadata,
        expiryWarning: args.expiryWarning,
        connection,
      },
      { parent: this },
    );
    this.secret = args.managed
      ? new ConnectorSecret(`${name}-secret`, { value: this.key.encoded, connection }, { parent: this, dependsOn: [this.key] })
      : undefined;
    // dependsOn both: destroy then unbinds first, before the secret and the key it points at disappear.
    this.binding = new ConnectorApiKeyBinding(
      `${name}-binding`,
      { connectorId, apiKeyId: this.key.keyId, apiKeySecretId: this.secret?.secretId, connection },
      { parent: this, dependsOn: this.secret ? [this.key, this.secret] : [this.key] },
    );

    this.keyId = this.key.keyId;
    this.encoded = pulumi.secret(this.key.encoded);
    this.secretId = this.secret ? this.secret.secretId : pulumi.output(undefined);
    this.registerOutputs({ keyId: this.keyId, encoded: this.encoded, secretId: this.secretId });
  }
}
