import { explainFailure } from "../errors";
import { remoteClustersClient } from "../clients";
import { type RemoteClusterSettingsOutputs, subjectOf } from "./outputs";
import { resetFor } from "./schema";

/** Resets every setting of the alias, which removes the remote cluster from the local one. */
export async function remove(_id: string, props: RemoteClusterSettingsOutputs): Promise<void> {
  try {
    await remoteClustersClient(props.connection).putClusterSettings({ persistent: resetFor(props.alias) });
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(props.alias), operation: "delete" });
  }
}
