import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { canonicalJson, withoutUndefined } from "../json";
import { UNKNOWN } from "../unknowns";
import { type ConnectorTargetOutputs, connectorTargetInputsSchema } from "./targetSchema";

const subjectOf = (connectorId: unknown) =>
  `ConnectorApiKey for connector ${JSON.stringify(typeof connectorId === "string" ? connectorId : "(unknown)")}`;

/**
 * Create and update: the connector must exist before the component creates its key and secret (they depend on this
 * resource's outputs). Sends one GET and writes nothing.
 */
async function verify(news: Record<string, unknown>, operation: string): Promise<ConnectorTargetOutputs> {
  try {
    const inputs = parseInputs(connectorTargetInputsSchema, news);
    const connector = await elasticsearchClient(inputs.connection).getConnector(inputs.connectorId);
    if (!connector || connector.deleted === true) {
      throw new Error(
        `connector ${JSON.stringify(inputs.connectorId)} ${connector ? "has been deleted" : "does not exist"} (connectorId): ` +
          `correct the id, or create the connector first (PUT _connector/${inputs.connectorId}). Nothing was created: no API key, ` +
          "no connector secret, no binding",
      );
    }
    return withoutUndefined({ connectorId: inputs.connectorId, indexName: inputs.indexName, connection: inputs.connection });
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(news.connectorId), operation });
  }
}

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<ConnectorTargetOutputs>> {
  const outs = await verify(news, "create (verify the connector)");
  return { id: outs.connectorId, outs };
}

export async function update(_id: string, _olds: ConnectorTargetOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult<ConnectorTargetOutputs>> {
  return { outs: await verify(news, "update (verify the connector)") };
}

/** Refresh: a connector Elasticsearch says is gone drops this resource, so the next up verifies again before anything. */
export async function read(id: string, props: ConnectorTargetOutputs): Promise<pulumi.dynamic.ReadResult<ConnectorTargetOutputs>> {
  try {
    const connector = await elasticsearchClient(props.connection).getConnector(id);
    return !connector || connector.deleted === true ? { id: "" } : { id, props };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(id), operation: "refresh" });
  }
}

/** Nothing to undo: this resource only ever read. */
export async function remove(): Promise<void> {}

/** A different connector is another resource; a new index name or connection is verified again in place. */
export function diff(olds: ConnectorTargetOutputs, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const replaces = news.connectorId === UNKNOWN || news.connectorId !== olds.connectorId ? ["connectorId"] : [];
  const changed = news.indexName !== olds.indexName || canonicalJson(news.connection ?? null) !== canonicalJson(olds.connection ?? null);
  return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: false };
}
