import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { bind } from "./bind";
import { type BindingOutputs, subjectOf } from "./outputs";
import { claim } from "./claims";
import { bindingInputsSchema } from "./schema";

/** Rebinds the same connector (a `connectorId` change is a replacement, see diff.ts). */
export async function update(
  _id: string,
  olds: BindingOutputs,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult<BindingOutputs>> {
  try {
    const outs = await bind(parseInputs(bindingInputsSchema, news), olds);
    claim("update", outs.connectorId, outs.apiKeyId, outs.connection);
    return { outs };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(news.connectorId), operation: "update (rebind)" });
  }
}
