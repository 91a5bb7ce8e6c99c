import * as pulumi from "@pulumi/pulumi";
import type { RoleDescriptor } from "../../sdk";
import type { ConnectionArgs } from "../connectionArgs";
import { ownerUrn } from "../owner";
import { thinProvider } from "../thinProvider";
import { secretIfSet, withSecretOutputs } from "../secretInputs";

/**
 * The inputs of an {@link ApiKey}. None is required. Any change to `name`, `roleDescriptors`, `expiration` or
 * `metadata` replaces the key (the new one is created before the old one is invalidated); `connection` is only stored.
 */
export interface ApiKeyArgs {
  /** The key's name in Elasticsearch (≤ 256 characters, no leading `_` or surrounding whitespace). Default: the Pulumi resource name. */
  name?: pulumi.Input<string>;
  /**
   * What the key may do, as Elasticsearch's `role_descriptors` JSON (`{ "<role>": { cluster, indices: [{ names,
   * privileges, allow_restricted_indices }] } }`). Default: none, and the key gets a snapshot of its creator's
   * privileges. Changing it replaces the key; an equivalent form (`names: "x"` for `["x"]`, explicit defaults such as
   * `allow_restricted_indices: false` or `run_as: []`) is no change.
   */
  roleDescriptors?: pulumi.Input<Record<string, pulumi.Input<RoleDescriptor>>>;
  /** Lifetime as an Elasticsearch duration (`30d`). Default: never expires. Changing it replaces the key. */
  expiration?: pulumi.Input<string>;
  /** Arbitrary JSON metadata; keys must not start with `_` (reserved by Elasticsearch) or `pulumi_elastic_keys_` (the provider's markers). Default: `{}`. Changing it replaces the key. */
  metadata?: pulumi.Input<Record<string, unknown>>;
  /**
   * How long before the key expires `pulumi preview` and `pulumi up` start warning about it, as a duration (`14d`),
   * or `"0"` for never. The warning names the resource, the key id, the expiry date and what to do; it is computed
   * from the state (no refresh needed) and changes nothing in the plan. Must be shorter than `expiration`. Default:
   * `14d`, or a third of `expiration` for a key that lives less than 42 days. Changing it changes nothing else.
   */
  expiryWarning?: pulumi.Input<string>;
  /** Per-resource connection settings; each field overrides stack config and the environment. Stored encrypted. */
  connection?: pulumi.Input<ConnectionArgs>;
}

const provider = thinProvider("pulumi-elastic-keys/runtime/apiKey");

/** Outputs that carry key material or credentials: encrypted in state and masked in every diff and log. */
const SECRET_OUTPUTS = ["apiKey", "encoded", "connection"];

/**
 * A REST API key (`POST /_security/api_key`), e.g. the key a connector authenticates with. Any change to the key
 * replaces it (the new key is created before the old one is invalidated); destroy invalidates it.
 */
export class ApiKey extends pulumi.dynamic.Resource {
  /** The key's id in Elasticsearch (also the resource id). */
  declare public readonly keyId: pulumi.Output<string>;
  /** The key's name in Elasticsearch. */
  declare public readonly name: pulumi.Output<string>;
  /** The key's secret (secret output). */
  declare public readonly apiKey: pulumi.Output<string>;
  /** base64(`id:api_key`), the value clients send as `Authorization: ApiKey …` (secret output). */
  declare public readonly encoded: pulumi.Output<string>;
  /** When the key was created (ISO 8601). */
  declare public readonly creation: pulumi.Output<string>;
  /** When the key expires (ISO 8601), or undefined if it never does. */
  declare public readonly expiration: pulumi.Output<string | undefined>;
  /** The declared privileges (`role_descriptors`), as created. */
  declare public readonly roleDescriptors: pulumi.Output<Record<string, RoleDescriptor>>;
  /** The key's metadata, without the provider's own create marker. */
  declare public readonly metadata: pulumi.Output<Record<string, unknown>>;

  /**
   * Declares the key; `up` creates it.
   * @param name The Pulumi resource name (unique per type in the stack); also the default key name.
   * @param args The inputs.
   * @param opts Resource options (`additionalSecretOutputs` for the key material is added to them), e.g. `parent`, `dependsOn`, `protect`, `retainOnDelete`.
   */
  constructor(name: string, args: ApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      name: args.name ?? name,
      roleDescriptors: args.roleDescriptors,
      metadata: args.metadata,
      connection: secretIfSet(args.connection),
      keyId: undefined,
      apiKey: undefined,
      encoded: undefined,
      creation: undefined,
      expiration: args.expiration,
      owner: ownerUrn(name, "elastic:ApiKey", opts),
    };
    super(provider, name, props, withSecretOutputs(opts, SECRET_OUTPUTS), "elastic", "ApiKey");
  }
}
