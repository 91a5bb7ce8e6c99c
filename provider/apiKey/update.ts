import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { withoutUndefined } from "../json";
import { type ApiKeyOutputs, subjectOf } from "./outputs";
import { apiKeyInputsSchema } from "./schema";

/** Every change to the key itself is a replacement (diff.ts): an update only stores new connection settings. */
export async function update(
  _id: string,
  olds: ApiKeyOutputs,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult<ApiKeyOutputs>> {
  try {
    const inputs = parseInputs(apiKeyInputsSchema, news);
    return { outs: withoutUndefined({ ...olds, connection: inputs.connection }) };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(news.name), operation: "update" });
  }
}
