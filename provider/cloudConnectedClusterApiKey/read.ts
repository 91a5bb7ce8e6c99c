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
 * cannot be read back from Elastic Cloud: it is kept from state as is. The ETag is refreshed; one this resource's
 * last change did not leave (an out-of-band rotation changes it) is recorded in `changedOutsidePulumi`, which the
 * provider's diff reports, so refresh shows it as drift.
 */
export async function read(id: string, props: CloudConnectedClusterApiKeyOutputs): Promise<pulumi.dynamic.ReadResult<CloudConnectedClusterApiKeyOutputs>> {
  try {
    const client = cloudClient(props.connection);
    // Dropping the resource drops the only copy of its key, so one 404 (a proxy, a cluster being re-registered)
    // is not enough: a second read must agree.
    const found = (await client.getCluster(id)) ?? (await client.getCluster(id));
    if (!found) return { id: "" };
    const changedOutsidePulumi =
      props.etag !== undefined && found.etag !== props.etag
        ? `the cluster's ETag changed outside Pulumi (${props.etag} → ${found.etag}): its key may have been rotated, leaving the key in state pending`
        : props.changedOutsidePulumi;
    // The inputs as stored, with the schedule counted from the actual last rotation (schedule.ts); the note is an
    // input too, so that the next preview shows it as the property that changes.
    const inputs = { ...storedInputs(props), rotationCountedFrom: props.rotatedAt, changedOutsidePulumi, __provider: props.__provider };
    return {
      id,
      props: withoutUndefined({ ...props, etag: found.etag, changedOutsidePulumi }),
      inputs: withoutUndefined(inputs) as unknown as Outputs,
    };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(id), operation: "refresh" });
  }
}
