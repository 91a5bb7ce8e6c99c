import * as pulumi from "@pulumi/pulumi";
import type { CloudConnectedService } from "../../sdk";
import type { ConnectionArgs } from "../connectionArgs";
import { thinProvider } from "../thinProvider";
import { siblingInputs } from "./siblings";
import { secretIfSet, withSecretOutputs } from "../secretInputs";

export type { CloudConnectedService } from "../../sdk";

/**
 * The inputs of a {@link CloudConnectedClusterApiKey}. Only `clusterId` is required. Changing `clusterId` or
 * `service` replaces the resource; a changed `triggers` or an elapsed `rotateAfter` rotates the key again;
 * `revokePreviousKey` turned on revokes a pending previous key; `useEtag`, `revokeOnDelete` and `connection` are
 * only stored.
 */
export interface CloudConnectedClusterApiKeyArgs {
  /** The Cloud Connected cluster's id: 32 lowercase letters or digits (`^[a-z0-9]{32}$`), checked at preview. Changing it replaces the resource. */
  clusterId: pulumi.Input<string>;
  /**
   * Which key to rotate: left out, the cluster's own key; `"eis"`, the key the cluster's Elastic Inference Service
   * uses (`…/apikey/eis/_rotate`). Checked at preview against the services Elastic Cloud names. Changing it
   * replaces the resource (a new resource rotates the other key; the old one is deleted): a key is never re-pointed
   * in place. The cluster's key and its services' keys can be managed side by side in one stack. Default: the
   * cluster's key.
   */
  service?: pulumi.Input<CloudConnectedService>;
  /**
   * Arbitrary strings; any change (a key added, removed or changed) rotates the key again at the next `up`, like
   * `@pulumi/random` keepers. Absent and `{}` are the same. Default: none.
   */
  triggers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Rotate again once this duration (`30d`, `12h`; units ms, s, m, h, d) has passed since `rotatedAt`: from then on
   * preview shows an update and `up` rotates. Adding or shortening it so that it has already elapsed rotates at the
   * next `up`. Default: no scheduled rotation.
   */
  rotateAfter?: pulumi.Input<string>;
  /**
   * After each rotation, revoke the previous key right away (`_revoke-pending`) instead of letting it stay valid for
   * 7 days. This revokes every pending key of the cluster, including ones left by rotations made outside Pulumi.
   * Turning it on later, while the previous key is still pending, revokes it at the next `up` without rotating;
   * turning it off never rotates. Only enable it when everything that used the previous key (the self-managed
   * cluster itself, above all) is switched to `key` in the same deployment, or that connection breaks at once.
   * Default: false.
   */
  revokePreviousKey?: pulumi.Input<boolean>;
  /**
   * Make each rotation conditional on the cluster's ETag (`If-Match`, read just before rotating), so a concurrent
   * change by someone else is surfaced rather than overrun: on a 412 the operation fails as a conflict, having
   * rotated nothing, and is not retried (see the class documentation for what to do). Without it, a rotation always
   * goes through, on top of whatever happened meanwhile. Default: true.
   */
  useEtag?: pulumi.Input<boolean>;
  /**
   * On delete, revoke the cluster's pending keys. Elastic Cloud cannot revoke a cluster's current key: whether or
   * not this is set, the key in `key` keeps working after the resource is deleted (rotate it away first, with a
   * trigger and `revokePreviousKey`, if it must stop working). Default: false (delete makes no API call).
   */
  revokeOnDelete?: pulumi.Input<boolean>;
  /** Per-resource connection settings; only `cloudEndpoint` and `cloudApiKey` are used. Stored encrypted. */
  connection?: pulumi.Input<ConnectionArgs>;
}

const provider = thinProvider("pulumi-elastic-keys/runtime/cloudConnectedClusterApiKey");

/** Outputs that carry key material or credentials: encrypted in state and masked in every diff and log. */
const SECRET_OUTPUTS = ["key", "connection"];

/**
 * The API key of an Elastic Cloud "Cloud Connected" (self-managed) cluster, or of one of its Cloud Connected
 * services (`service: "eis"`), rotated by Pulumi (`POST /api/v1/cloud-connected/clusters/{id}/apikey/_rotate`,
 * `…/apikey/{service}/_rotate`). Creating the resource rotates the key: the key used before becomes "pending" and
 * stays valid for 7 days (or until revoked, see `revokePreviousKey`).
 * Rotation happens again when `triggers` change or `rotateAfter` elapses; nothing else rotates. The key cannot be
 * read back from Elastic Cloud: it exists only in this resource's (encrypted) state. Needs an Elastic Cloud API key
 * (`elastic:cloudApiKey` or `EC_API_KEY`) allowed to rotate the cluster's key.
 *
 * One cluster, one owner. Every rotation makes the key anyone else holds pending, so two stacks (or a stack and a
 * script) rotating the same cluster take the key from each other. With `useEtag` (the default), two rotations that
 * overlap — both read the ETag before either rotated — end with exactly one applied: the other gets 412 and its
 * `up` fails with a conflict error that says nothing was rotated; its state is left as it was (a create stores no
 * resource, an update keeps the previous key, which the winning rotation has made pending). The provider never
 * retries after a 412, since that would rotate away the key just issued to the other writer and hide the fight.
 * Running `up` again is a decision, not a retry: it reads the new ETag and rotates, so that stack becomes the
 * owner and the other one's key becomes pending (revoked at once with `revokePreviousKey`). Do that only after
 * making sure the other writer no longer manages the cluster; otherwise the two keep failing or overrunning each
 * other. An ETag check only catches overlapping rotations: one that finished before this stack's `up` started is
 * rotated over without error (`pulumi refresh` shows it as a changed `etag`).
 *
 * The cluster's key and a service's key of the same cluster may be managed in one stack, as two resources: every
 * rotation changes the cluster's one ETag, so the provider runs their rotations one after the other (no 412
 * between them), and the first of them declared watches the ETag for both (`siblingEtags`), so that neither
 * mistakes the other's rotation for a change made outside Pulumi.
 */
export class CloudConnectedClusterApiKey extends pulumi.dynamic.Resource {
  /** The cluster id (also the resource id of the cluster's key; a service's key has `<clusterId>/<service>`). */
  declare public readonly clusterId: pulumi.Output<string>;
  /** The service whose key this is; undefined for the cluster's own key. */
  declare public readonly service: pulumi.Output<CloudConnectedService | undefined>;
  /** The current API key (the cluster's, or the service's), issued by this resource's last rotation (secret output). */
  declare public readonly key: pulumi.Output<string>;
  /** When this resource last rotated the key (ISO 8601). Changes only when the key does; `rotateAfter` counts from it. */
  declare public readonly rotatedAt: pulumi.Output<string>;
  /**
   * Whether the key made pending by the last rotation has been revoked by this resource. False after a rotation
   * without `revokePreviousKey` (the previous key then stays valid until `rotatedAt` + 7 days); true once revoked.
   * Turning `revokePreviousKey` off does not undo a revocation, so it stays true until the next rotation.
   */
  declare public readonly previousKeyRevoked: pulumi.Output<boolean>;
  /**
   * The cluster's ETag after this resource's last change, updated by `pulumi refresh`. A refresh that shows it
   * changed means the cluster changed outside Pulumi — possibly an out-of-band rotation, after which `key` is only
   * pending: change a trigger to rotate again. A key whose cluster ETag a sibling key of the stack watches (see the
   * class documentation) keeps the ETag its own last change left: refresh reports drift on the watcher.
   */
  declare public readonly etag: pulumi.Output<string | undefined>;

  /**
   * Declares the rotation; `up` rotates the cluster's key when it creates the resource.
   * @param name The Pulumi resource name (unique per type in the stack).
   * @param args The inputs.
   * @param opts Resource options (`additionalSecretOutputs` for the key is added to them), e.g. `parent`, `dependsOn`, `protect`, `retainOnDelete`.
   */
  constructor(name: string, args: CloudConnectedClusterApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
    const siblings = siblingInputs(name, args.clusterId);
    const props = {
      ...args,
      service: args.service,
      siblingEtags: siblings.siblingEtags,
      etagWatchedBy: siblings.etagWatchedBy,
      connection: secretIfSet(args.connection),
      key: undefined,
      rotatedAt: undefined,
      previousKeyRevoked: undefined,
      etag: undefined,
    };
    super(provider, name, props, withSecretOutputs(opts, SECRET_OUTPUTS), "elastic", "CloudConnectedClusterApiKey");
    siblings.join(this.etag);
  }
}
