import type * as pulumi from "@pulumi/pulumi";
import { cloudClient } from "../clients";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { subjectOf } from "./inputs";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";
import { storedInputs } from "./state";

// ReadResult types `inputs` like the outputs; what refresh returns there are the resource's inputs.
type Outputs = CloudConnectedClusterApiKeyOutputs;

/**
 * Refresh. A cluster that no longer exists (404 twice in a row) is reported gone, so the engine drops the resource. The key itself
 * cannot be read back from Elastic Cloud: it is kept from state as is. The ETag is refreshed; one that neither this
 * resource's last change nor a sibling key of this stack left (siblings.ts) — an out-of-band rotation changes it — is
 * recorded in `changedOutsidePulumi`, which the provider's diff reports, so refresh shows it as drift. A key whose
 * cluster ETag a sibling watches (`etagWatchedBy`) leaves that to the sibling and keeps the ETag it left itself.
 */
export async function read(id: string, props: CloudConnectedClusterApiKeyOutputs): Promise<pulumi.dynamic.ReadResult<CloudConnectedClusterApiKeyOutputs>> {
  const { clusterId } = props;
  try {
    const client = cloudClient(props.connection);
    // Dropping the resource drops the only copy of its key, so one 404 (a proxy, a cluster being re-registered)
    // is not enough: a second read must agree.
    const found = (await client.getCluster(clusterId)) ?? (await client.getCluster(clusterId));
    if (!found) return { id: "" };
    const changedOutsidePulumi = outsideChange(props, found.etag) ?? props.changedOutsidePulumi;
    const etag = props.etagWatchedBy === undefined ? found.etag : props.etag;
    // The inputs as stored, with the schedule counted from the actual last rotation (schedule.ts); the note is an
    // input too, so that the next preview shows it as the property that changes.
    const inputs = { ...storedInputs(props), rotationCountedFrom: props.rotatedAt, changedOutsidePulumi, __provider: props.__provider };
    return {
      id,
      props: withoutUndefined({ ...props, etag, changedOutsidePulumi }),
      inputs: withoutUndefined(inputs) as unknown as Outputs,
    };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(clusterId, props.service), operation: "refresh" });
  }
}

/** The note for an ETag that no key of this stack left, or undefined. */
function outsideChange(props: Outputs, current: string | undefined): string | undefined {
  if (props.etagWatchedBy !== undefined || props.etag === undefined || current === props.etag) return undefined;
  if (current !== undefined && props.siblingEtags?.includes(current)) return undefined;
  const what = props.service === undefined ? "its key" : `its ${props.service} key`;
  const siblings = props.siblingEtags?.length ? " (nor is it one a sibling key of this stack left)" : "";
  return `the cluster's ETag changed outside Pulumi (${props.etag} → ${current})${siblings}: ${what} may have been rotated, leaving the key in state pending`;
}
