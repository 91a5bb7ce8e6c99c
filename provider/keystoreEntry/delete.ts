import { isElasticError, ErrorCodes } from "../../sdk";
import { explainFailure } from "../errors";
import { keystoreClient } from "../clients";
import { type KeystoreEntryOutputs, subjectOf } from "./outputs";

/** Removes the entry (`null` in a PATCH). A deployment or resource that no longer exists has nothing left to remove. */
export async function remove(_id: string, props: KeystoreEntryOutputs): Promise<void> {
  try {
    await keystoreClient(props.connection).updateKeystore(props.deploymentId, props.refId, { secrets: { [props.setting]: null } });
  } catch (err) {
    if (isElasticError(err, ErrorCodes.CLOUD_API) && err.status === 404) return;
    throw explainFailure(err, { subject: subjectOf(props), operation: "delete" });
  }
}
