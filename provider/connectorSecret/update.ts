import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { withoutUndefined } from "../json";
import { type ConnectorSecretOutputs, subjectOf } from "./outputs";
import { connectorSecretInputsSchema } from "./schema";

/** A new value is a replacement (diff.ts): an update only stores new connection settings. */
export async function update(
  id: string,
  olds: ConnectorSecretOutputs,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult<ConnectorSecretOutputs>> {
  try {
    const inputs = parseInputs(connectorSecretInputsSchema, news);
    return { outs: withoutUndefined({ ...olds, connection: inputs.connection }) };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(id), operation: "update" });
  }
}
