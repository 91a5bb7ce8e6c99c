import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { type ConnectorSecretOutputs, subjectOf } from "./outputs";

/** Deletes the secret; one that is already gone is success. */
export async function remove(id: string, props: ConnectorSecretOutputs): Promise<void> {
  try {
    await elasticsearchClient(props.connection).deleteConnectorSecret(id);
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(id), operation: "delete" });
  }
}
