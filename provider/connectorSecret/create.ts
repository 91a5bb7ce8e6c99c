import type * as pulumi from "@pulumi/pulumi";
import { ErrorCodes, isElasticError } from "../../sdk";
import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { withoutUndefined } from "../json";
import { type ConnectorSecretOutputs, subjectOf } from "./outputs";
import { connectorSecretInputsSchema } from "./schema";

/**
 * Connector secrets cannot be listed or looked up by content, so a create whose outcome is unknown cannot be
 * checked, and retrying could store a second copy of the value. It is not retried; the error says what may be
 * left behind and how to make it harmless.
 */
const OUTCOME_UNKNOWN_ADVICE =
  "The connector secret may or may not have been stored, and Elasticsearch offers no way to find it without its id, " +
  "so it was not retried (a retry could store the value twice). Run `pulumi up` again to store it. If a copy was " +
  "stored, it is unreachable without its id but still holds the value: to make it worthless, replace or destroy the " +
  "API key whose encoded value it holds (the key is invalidated).";

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<ConnectorSecretOutputs>> {
  try {
    const inputs = parseInputs(connectorSecretInputsSchema, news);
    const { id } = await elasticsearchClient(inputs.connection).createConnectorSecret({ value: inputs.value });
    return { id, outs: withoutUndefined({ secretId: id, value: inputs.value, connection: inputs.connection }) };
  } catch (err) {
    if (isElasticError(err, ErrorCodes.OUTCOME_UNKNOWN)) throw new Error(`${subjectOf()}: create failed: ${err.message} ${OUTCOME_UNKNOWN_ADVICE}`);
    throw explainFailure(err, { subject: subjectOf(), operation: "create" });
  }
}
