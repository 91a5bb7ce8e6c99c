import type { CloudConnectedService } from "../../sdk";
import type { ConnectionInput } from "../connection";

/**
 * What the provider stores as the resource's outputs. Read, update and delete only receive old outputs, so the
 * inputs that steer them (`triggers`, `rotateAfter`, the revoke flags, `connection`) are kept here too, exactly as
 * given: defaults are applied where they are used, so state never claims the user wrote a value they did not.
 */
export interface CloudConnectedClusterApiKeyOutputs {
  clusterId: string;
  /** The Cloud Connected service whose key this is; absent for the cluster's own key. */
  service?: CloudConnectedService;
  /** The cluster's current API key as issued by the last rotation. Secret (additionalSecretOutputs). */
  key: string;
  /** When this resource last rotated the key (ISO 8601); `rotateAfter` counts from here. */
  rotatedAt: string;
  /** Whether the key made pending by the last rotation has been revoked by this resource. */
  previousKeyRevoked: boolean;
  /** The cluster's ETag after this resource's last change, or as last seen by a refresh. */
  etag?: string;
  /**
   * Set when a rotation was sent but its answer was lost (lostRotation.ts): it may have happened. The next update
   * reports it and rotates again; a successful rotation clears it.
   */
  rotationOutcomeUnknown?: string;
  /**
   * Set by refresh when the cluster's ETag is not the one this resource's last change left (someone rotated its key
   * or changed it outside Pulumi): refresh shows it as drift, the next preview as a change, and that `up` clears it
   * with a warning. It never rotates by itself: the other writer may depend on the key it was issued.
   */
  changedOutsidePulumi?: string;
  /**
   * The ETags that sibling resources of this stack (other keys of the same cluster) left after their last change
   * (siblings.ts): refresh does not count them as changes made outside Pulumi.
   */
  siblingEtags?: string[];
  /** Set on a key whose cluster ETag is watched by a sibling resource (its name): refresh leaves drift to that one. */
  etagWatchedBy?: string;
  triggers?: Record<string, string>;
  rotateAfter?: string;
  revokePreviousKey?: boolean;
  useEtag?: boolean;
  revokeOnDelete?: boolean;
  connection?: ConnectionInput;
  __provider?: string;
}
