import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../connectionArgs";
import { ownerUrn } from "../owner";
import { thinProvider } from "../thinProvider";
import { keyIdProblem } from "./get/id";
import { secretIfSet, withSecretOutputs } from "../secretInputs";

/** One entry of `access.search`: indices the remote cluster may search through this key. */
export interface CrossClusterSearchAccessArgs {
  /** Index names or patterns (a single string is accepted). Required, non-empty. */
  names: pulumi.Input<string | pulumi.Input<string>[]>;
  /** Document-level security: a query object or its JSON text. Not allowed when `replication` is also granted. */
  query?: pulumi.Input<string | Record<string, unknown>>;
  /** Field-level security. Not allowed when `replication` is also granted. */
  fieldSecurity?: pulumi.Input<{
    /** Field names or patterns the remote search may read. Default: all fields. */
    grant?: pulumi.Input<pulumi.Input<string>[]>;
    /** Field names or patterns excluded from `grant`. Default: none. */
    except?: pulumi.Input<pulumi.Input<string>[]>;
  }>;
  /** Whether the patterns may match restricted indices. Default: false. */
  allowRestrictedIndices?: pulumi.Input<boolean>;
}

/** One entry of `access.replication`: indices the remote cluster may follow with cross-cluster replication. */
export interface CrossClusterReplicationAccessArgs {
  /** Index names or patterns (a single string is accepted). Required, non-empty. */
  names: pulumi.Input<string | pulumi.Input<string>[]>;
}

/** What the key grants. At least one of `search` and `replication` must be non-empty. */
export interface CrossClusterAccessArgs {
  /** Indices the remote cluster may search (cross-cluster search). Default: none. Updated in place. */
  search?: pulumi.Input<pulumi.Input<CrossClusterSearchAccessArgs>[]>;
  /** Indices the remote cluster may follow (cross-cluster replication). Default: none. Updated in place. */
  replication?: pulumi.Input<pulumi.Input<CrossClusterReplicationAccessArgs>[]>;
}

/**
 * The inputs of a {@link CrossClusterApiKey}. Only `access` is required. Changing `name` (or removing `expiration`)
 * replaces the key; `access`, `metadata`, `certificateIdentity` and a new `expiration` update it in place;
 * `rotateAfter` replaces it once elapsed, changed `triggers` at once; `connection` is only stored unless it names
 * other endpoints.
 */
export interface CrossClusterApiKeyArgs {
  /** The key's name in Elasticsearch (≤ 256 characters, no leading `_` or surrounding whitespace). Default: the Pulumi resource name. Changing it replaces the key. */
  name?: pulumi.Input<string>;
  /** What the key grants; updated in place. */
  access: pulumi.Input<CrossClusterAccessArgs>;
  /** Lifetime as an Elasticsearch duration (`30d`, `12h`). Default: never expires. Changing it updates in place and restarts the lifetime from now; removing it replaces the key. */
  expiration?: pulumi.Input<string>;
  /** Arbitrary JSON metadata; keys must not start with `_` (reserved by Elasticsearch) or `pulumi_elastic_keys_` (the provider's markers). Default: `{}`. Updated in place. */
  metadata?: pulumi.Input<Record<string, unknown>>;
  /** Rotate the key once this duration (`30d`) has passed since it was created: preview then shows a replacement, and `up` creates the new key before invalidating the old. Must be shorter than `expiration`. Default: no rotation. */
  rotateAfter?: pulumi.Input<string>;
  /**
   * Names to strings, like `@pulumi/random` keepers: any change (a new name, a removed one, another value) replaces
   * the key — a new key is created before the old one is invalidated. Rotates on demand (`{ rotation: "2026-11" }`)
   * or whenever something the program derives them from changes. Default: `{}`.
   */
  triggers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * How long before the key expires `pulumi preview` and `pulumi up` start warning about it, as a duration (`14d`),
   * or `"0"` for never. The warning names the resource, the key id, the expiry date and what to do; it is computed
   * from the state (no refresh needed) and changes nothing in the plan. Must be shorter than `expiration`. Default:
   * `14d`, or a third of `expiration` for a key that lives less than 42 days. Changing it changes nothing else.
   */
  expiryWarning?: pulumi.Input<string>;
  /**
   * Take over this existing cross-cluster key instead of creating one (Pulumi's `import` does not work for dynamic
   * resources). `name` must equal the key's name. The key's secret cannot be recovered: `apiKey` and `encoded` stay
   * undefined for an adopted key. It applies to the first create only: a later replacement (rotation, expiry…)
   * creates a new key and then invalidates the adopted one; removing this input later changes nothing. A key another
   * Pulumi resource manages (its metadata names another owner) is refused.
   */
  adoptKeyId?: pulumi.Input<string>;
  /**
   * Strong identity verification (Elasticsearch 9.3 or later, on both clusters): a pattern the distinguished name
   * (DN) of the remote cluster's signing certificate must match in full before this key is accepted, e.g.
   * `CN=remote-.*,OU=search,O=Example` or `^CN=remote-prod,O=Example$`. It is a Java regular expression, so `.*`
   * (not `*`) matches any text and a literal `.` is written `\.`. Default: none (the key works without a
   * certificate). Set, changed and removed in place; refresh shows an out-of-band change as drift. Clusters before
   * 9.3 refuse it: the error says so and nothing is changed. When this input is never used, nothing about it is
   * sent, so older clusters keep working.
   */
  certificateIdentity?: pulumi.Input<string>;
  /** Per-resource connection settings; each field overrides stack config and the environment. Stored encrypted. Other `endpoints` replace the key (created on the new cluster, invalidated on the old). */
  connection?: pulumi.Input<ConnectionArgs>;
}

/** The normalized access as stored and returned: arrays everywhere, defaults filled, `query` as JSON text. */
export interface CrossClusterAccess {
  /** The search grants, in the declared order. */
  search?: {
    /** Index names or patterns. */
    names: string[];
    /** The document-level security query as JSON text, if any. */
    query?: string;
    /** Field-level security, if any. */
    fieldSecurity?: {
      /** Fields the remote search may read. */
      grant?: string[];
      /** Fields excluded from `grant`. */
      except?: string[];
    };
    /** Whether the patterns may match restricted indices (false unless declared). */
    allowRestrictedIndices: boolean;
  }[];
  /** The replication grants, in the declared order. */
  replication?: {
    /** Index names or patterns. */
    names: string[];
  }[];
}

const provider = thinProvider("pulumi-elastic-keys/runtime/crossClusterApiKey");
/** Keys read with `get` have a provider of their own, which only reads (see get/runtime.ts). */
const readProvider = thinProvider("pulumi-elastic-keys/runtime/crossClusterApiKey/get");

/** Options of {@link CrossClusterApiKey.get}. */
export interface CrossClusterApiKeyGetOptions {
  /** The cluster to read the key from and the credentials to use (any credential that may read API keys). Default: the stack's config and environment, as for a managed key. Stored encrypted. */
  connection?: pulumi.Input<ConnectionArgs>;
  /** The parent resource, as for any resource. */
  parent?: pulumi.Resource;
  /** Resources to read after, as for any resource. */
  dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>;
}

/** Marks the constructor call `get()` makes (module-private, so a program cannot make one). */
class GetRequest {
  constructor(readonly connection: pulumi.Input<ConnectionArgs> | undefined) {}
}

/** The id, refused in the program when it is a literal that cannot be an API key id, else when it resolves. */
function checkedId(name: string, id: pulumi.Input<pulumi.ID>): pulumi.Input<pulumi.ID> {
  const check = (value: string): string => {
    const problem = keyIdProblem(value);
    if (problem) throw new Error(`CrossClusterApiKey.get(${JSON.stringify(name)}): ${problem}`);
    return value;
  };
  return typeof id === "string" ? check(id) : pulumi.output(id).apply(check);
}

/** Outputs that carry key material or credentials: encrypted in state and masked in every diff and log. */
const SECRET_OUTPUTS = ["apiKey", "encoded", "connection"];

/** The outputs of a read key (get/read.ts): each an output of the resource object, none sent to the provider. */
const READ_OUTPUTS = Object.fromEntries(
  ["keyId", "name", "creation", "expiration", "access", "metadata", "certificateIdentity", "invalidated", "apiKey", "encoded"].map((k) => [k, undefined]),
);

/**
 * A cross-cluster API key (`POST /_security/cross_cluster/api_key`): lets a remote cluster search or replicate
 * the listed indices. Creating and updating these keys needs user credentials (basic or bearer) with the
 * `manage_security` privilege — Elasticsearch refuses API-key authentication for them.
 */
export class CrossClusterApiKey extends pulumi.dynamic.Resource {
  /** The key's id in Elasticsearch (also the resource id). */
  declare public readonly keyId: pulumi.Output<string>;
  /** The key's name in Elasticsearch. */
  declare public readonly name: pulumi.Output<string>;
  /** The key's secret (secret output). Undefined for an adopted key. */
  declare public readonly apiKey: pulumi.Output<string | undefined>;
  /** base64(`id:api_key`), what the remote cluster is configured with (secret output). Undefined for an adopted key. */
  declare public readonly encoded: pulumi.Output<string | undefined>;
  /** When the key was created (ISO 8601). */
  declare public readonly creation: pulumi.Output<string>;
  /** When the key expires (ISO 8601), or undefined if it never does. */
  declare public readonly expiration: pulumi.Output<string | undefined>;
  /** What the key grants, as Elasticsearch stores it (normalized; refresh shows out-of-band changes as drift). */
  declare public readonly access: pulumi.Output<CrossClusterAccess>;
  /** The key's metadata, without the provider's own create marker. */
  declare public readonly metadata: pulumi.Output<Record<string, unknown>>;
  /** The DN pattern the remote cluster's certificate must match, as Elasticsearch stores it; undefined when none. */
  declare public readonly certificateIdentity: pulumi.Output<string | undefined>;
  /**
   * Whether the key has been invalidated: `true` or `false` for a key read with {@link CrossClusterApiKey.get};
   * undefined for a managed key, which is never reported invalidated: refresh drops it, and `up` creates a new one.
   */
  declare public readonly invalidated: pulumi.Output<boolean | undefined>;

  /**
   * Reads an existing cross-cluster API key without managing it: `preview` and `up` read it (one GET) and give its
   * `keyId`, `name`, `access`, `expiration`, `creation`, `metadata`, `certificateIdentity` and `invalidated`; `apiKey` and `encoded` stay
   * undefined (Elasticsearch never returns key material). Pulumi never changes or invalidates it: removed from the
   * program or destroyed, it is only dropped from the state; `pulumi refresh` reads it again. The key may be managed
   * by another stack; it must be a cross-cluster key. An id that names no key fails the read.
   * @param name The Pulumi resource name (unique per type in the stack).
   * @param id The key's id (`GET /_security/api_key?name=<key name>` lists ids); may be another resource's output.
   * @param opts Where to read it from (`connection`; default the stack's config) and `parent`/`dependsOn`.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts: CrossClusterApiKeyGetOptions = {}): CrossClusterApiKey {
    const { connection, ...options } = opts;
    // Through the constructor, so the result is a CrossClusterApiKey; GetRequest tells it this is a read.
    const request = new GetRequest(connection) as unknown as CrossClusterApiKeyArgs;
    return new CrossClusterApiKey(name, request, { ...options, id: checkedId(name, id) });
  }

  /**
   * Declares the key; `up` creates it (or adopts `adoptKeyId`).
   * @param name The Pulumi resource name (unique per type in the stack); also the default key name.
   * @param args The inputs.
   * @param opts Resource options (`additionalSecretOutputs` for the key material is added to them), e.g. `parent`, `dependsOn`, `protect`, `retainOnDelete`.
   */
  constructor(name: string, args: CrossClusterApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
    const request: unknown = args;
    if (request instanceof GetRequest) {
      const props = { ...READ_OUTPUTS, connection: secretIfSet(request.connection) };
      super(readProvider, name, props, withSecretOutputs(opts, SECRET_OUTPUTS), "elastic", "CrossClusterApiKey");
      return;
    }
    // A managed key's provider must never be asked to read program inputs as if they were its state.
    if (opts?.id !== undefined) throw new Error(`CrossClusterApiKey ${JSON.stringify(name)}: to read an existing key use CrossClusterApiKey.get(name, id, { connection })`);
    const props = {
      ...args,
      name: args.name ?? name,
      connection: secretIfSet(args.connection),
      keyId: undefined,
      apiKey: undefined,
      encoded: undefined,
      creation: undefined,
      // Declared even when unset, so a pattern added out of band shows up as this output after a refresh.
      certificateIdentity: args.certificateIdentity,
      invalidated: undefined,
      owner: ownerUrn(name, "elastic:CrossClusterApiKey", opts),
    };
    super(provider, name, props, withSecretOutputs(opts, SECRET_OUTPUTS), "elastic", "CrossClusterApiKey");
  }
}
