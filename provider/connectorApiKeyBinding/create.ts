import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { bind } from "./bind";
import { claimForCreate } from "./claims";
import { type BindingOutputs, subjectOf } from "./outputs";
import { bindingInputsSchema } from "./schema";

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<BindingOutputs>> {
  try {
    const inputs = parseInputs(bindingInputsSchema, news);
    const release = claimForCreate(inputs.connectorId, inputs.apiKeyId, inputs.connection);
    try {
      const outs = await bind(inputs);
      return { id: outs.connectorId, outs };
    } catch (err) {
      release();
      throw err;
    }
  } catch (err) {
    const explained = explainFailure(err, { subject: subjectOf(news.connectorId), operation: "create (bind)" });
    throw new Error(`${explained.message}${untouched(news)}`);
  }
}

/**
 * Says what a failed bind left as it was, so that a ConnectorApiKey's error is truthful: its key and secret were
 * created before the binding and stay (in state, bound at the next `up`, removed by `destroy`).
 */
function untouched(news: Record<string, unknown>): string {
  const ids = [
    typeof news.apiKeyId === "string" && `API key ${JSON.stringify(news.apiKeyId)}`,
    typeof news.apiKeySecretId === "string" && `connector secret ${JSON.stringify(news.apiKeySecretId)}`,
  ].filter(Boolean);
  return ids.length > 0 ? `. The connector was not bound to ${ids.join(" and ")}, which this binding left untouched` : "";
}
