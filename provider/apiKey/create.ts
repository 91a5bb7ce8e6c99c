import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { clusterUuidToRecord } from "../clusterIdentity";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { withoutUndefined } from "../json";
import { createdKeyOutputs, createMarked, ownerOrFresh } from "../createMarked";
import { type ApiKeyOutputs, subjectOf } from "./outputs";
import { apiKeyInputsSchema } from "./schema";

/** `POST /_security/api_key`, guarded against live keys without a secret when a create is lost (see ../createMarked.ts). */
export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<ApiKeyOutputs>> {
  const subject = subjectOf(news.name);
  try {
    const inputs = parseInputs(apiKeyInputsSchema, news);
    const client = elasticsearchClient(inputs.connection);
    const metadata = inputs.metadata ?? {};
    const owner = ownerOrFresh(inputs.owner);
    const clusterUuid = await clusterUuidToRecord(client);
    const created = await createMarked({
      client,
      owner,
      subject,
      metadata,
      attempt: (marked) =>
        client.createApiKey(
          withoutUndefined({ name: inputs.name, expiration: inputs.expiration, role_descriptors: inputs.roleDescriptors, metadata: marked }),
        ),
      confirm: (id, marked) => client.updateApiKey(id, { metadata: marked }),
    });
    const outs: ApiKeyOutputs = withoutUndefined({
      ...createdKeyOutputs(created, inputs.expiration),
      roleDescriptors: inputs.roleDescriptors ?? {},
      metadata,
      connection: inputs.connection,
      owner,
      clusterUuid,
    });
    return { id: created.id, outs };
  } catch (err) {
    throw explainFailure(err, { subject, operation: "create" });
  }
}
