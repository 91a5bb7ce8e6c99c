import type * as pulumi from "@pulumi/pulumi";
import { type ElasticsearchClient, type ElasticsearchError, ErrorCodes, isElasticError } from "../../sdk";
import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { parseInputs } from "../inputs";
import { ownedMetadata } from "../createMarked";
import { ensureSameCluster } from "../clusterIdentity";
import { type CrossClusterApiKeyOutputs, subjectOf } from "./outputs";
import { crossClusterApiKeyInputsSchema, normalizeAccess, toApiAccess } from "./schema";
import { certificateIdentityUpdate, olderClusterError } from "./certificateIdentity";

/**
 * Updates in place: the key id and key material stay. The full desired `access` and `metadata` are always sent
 * (Elasticsearch replaces both wholesale and rejects an expiration-only body). `expiration` is sent only when the
 * declared duration changed, because every update that carries it restarts the key's lifetime from now.
 */
export async function update(
  id: string,
  olds: CrossClusterApiKeyOutputs,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult<CrossClusterApiKeyOutputs>> {
  const subject = subjectOf(news.name);
  try {
    const inputs = parseInputs(crossClusterApiKeyInputsSchema, news);
    const client = elasticsearchClient(inputs.connection);
    const access = normalizeAccess(inputs.access);
    const metadata = inputs.metadata ?? {};
    const newExpiration = inputs.expiration !== olds.expirationDuration ? inputs.expiration : undefined;
    // Every update (re)writes the owner marker, so keys made by earlier versions gain it.
    const owner = olds.owner ?? inputs.owner;
    await updateOnItsCluster(client, id, olds.clusterUuid, () => client.updateCrossClusterApiKey(
      id,
      withoutUndefined({
        access: toApiAccess(access),
        metadata: owner !== undefined ? ownedMetadata(metadata, owner) : metadata,
        expiration: newExpiration,
        ...certificateIdentityUpdate(inputs.certificateIdentity, olds.certificateIdentity),
      }),
    ).catch(async (err: unknown) => {
      throw (await olderClusterError(err, client, "Nothing was changed: the key and the state are as before.")) ?? err;
    }));
    let expiration = olds.expiration;
    if (newExpiration !== undefined) {
      const current = await client.getApiKey(id);
      expiration = current?.expiration !== undefined ? new Date(current.expiration).toISOString() : undefined;
    }
    const outs: CrossClusterApiKeyOutputs = withoutUndefined({
      ...olds,
      access,
      metadata,
      expiration,
      expirationDuration: inputs.expiration,
      rotateAfter: inputs.rotateAfter,
      triggers: inputs.triggers,
      certificateIdentity: inputs.certificateIdentity,
      connection: inputs.connection,
      owner,
    });
    return { outs };
  } catch (err) {
    const failure = explainFailure(err, { subject, operation: "update" });
    if (isGoneError(err)) {
      failure.message += ". The key no longer exists or can no longer be changed: run `pulumi refresh` to drop it, then `pulumi up` creates a new one";
    }
    throw failure;
  }
}

/** A 404 from a cluster the key does not live on is explained as such (see ../clusterIdentity.ts). */
async function updateOnItsCluster<T>(client: ElasticsearchClient, id: string, clusterUuid: string | undefined, put: () => Promise<T>): Promise<T> {
  try {
    return await put();
  } catch (err) {
    if (isElasticError(err, ErrorCodes.ES_API) && err.status === 404) await ensureSameCluster(client, clusterUuid, id);
    throw err;
  }
}

function isGoneError(err: unknown): boolean {
  if (!isElasticError(err, ErrorCodes.ES_API)) return false;
  return err.status === 404 || /cannot update (invalidated|expired) API key/.test((err as ElasticsearchError).reason ?? "");
}
