import { withoutUndefined } from "../json";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";
import type { CloudConnectedClusterApiKeyInputs } from "./schema";

/** The stored copy of the inputs, as given (no defaults filled in, nothing undefined). */
export function storedInputs(inputs: CloudConnectedClusterApiKeyInputs): Omit<CloudConnectedClusterApiKeyOutputs, "key" | "rotatedAt" | "previousKeyRevoked"> {
  return withoutUndefined({
    clusterId: inputs.clusterId,
    service: inputs.service,
    triggers: inputs.triggers,
    rotateAfter: inputs.rotateAfter,
    revokePreviousKey: inputs.revokePreviousKey,
    useEtag: inputs.useEtag,
    revokeOnDelete: inputs.revokeOnDelete,
    connection: inputs.connection,
    siblingEtags: inputs.siblingEtags,
    etagWatchedBy: inputs.etagWatchedBy,
  });
}
