import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { withoutUndefined } from "../json";
import { keystoreClient } from "../clients";
import { entryId, type KeystoreEntryOutputs, subjectOf } from "./outputs";
import { keystoreEntryInputsSchema } from "./schema";

/** Writes the entry (an existing entry of the same name is overwritten: the keystore has one value per name). */
export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<KeystoreEntryOutputs>> {
  try {
    const inputs = parseInputs(keystoreEntryInputsSchema, news);
    await keystoreClient(inputs.connection).updateKeystore(inputs.deploymentId, inputs.refId, {
      secrets: { [inputs.setting]: { value: inputs.value, as_file: false } },
    });
    return { id: entryId(inputs), outs: withoutUndefined({ ...inputs }) };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(news), operation: "create" });
  }
}
