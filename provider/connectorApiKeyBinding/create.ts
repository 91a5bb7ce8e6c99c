import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { bind } from "./bind";
import { type BindingOutputs, subjectOf } from "./outputs";
import { bindingInputsSchema } from "./schema";

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<BindingOutputs>> {
  try {
    const outs = await bind(parseInputs(bindingInputsSchema, news));
    return { id: outs.connectorId, outs };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(news.connectorId), operation: "create (bind)" });
  }
}
