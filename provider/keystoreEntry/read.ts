import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { keystoreClient } from "../clients";
import { type KeystoreEntryOutputs, subjectOf } from "./outputs";

/**
 * Refresh: the entry is gone when the deployment, its resource or the name no longer exist. The value cannot be
 * read back (the API never returns values), so the stored one is kept.
 */
export async function read(id: string, props: KeystoreEntryOutputs): Promise<pulumi.dynamic.ReadResult<KeystoreEntryOutputs>> {
  try {
    const contents = await keystoreClient(props.connection).getKeystore(props.deploymentId, props.refId);
    if (!contents || !(props.setting in contents.secrets)) return { id: "" };
    const { __provider, ...inputs } = props;
    return { id, props, inputs: inputs as KeystoreEntryOutputs };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(props), operation: "refresh" });
  }
}
