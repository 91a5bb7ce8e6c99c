import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { withoutUndefined } from "../json";
import { CREATE_TOKEN_METADATA_KEY, createdKeyOutputs, createMarked } from "../createMarked";
import { type ApiKeyOutputs, subjectOf } from "./outputs";
import { apiKeyInputsSchema } from "./schema";

/** `POST /_security/api_key`, guarded against duplicates when a response is lost (see ../createMarked.ts). */
export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<ApiKeyOutputs>> {
  const subject = subjectOf(news.name);
  try {
    const inputs = parseInputs(apiKeyInputsSchema, news);
    const client = elasticsearchClient(inputs.connection);
    const metadata = inputs.metadata ?? {};
    const { created, createToken } = await createMarked(client, inputs.name, (token) =>
      client.createApiKey(
        withoutUndefined({
          name: inputs.name,
          expiration: inputs.expiration,
          role_descriptors: inputs.roleDescriptors,
          metadata: { ...metadata, [CREATE_TOKEN_METADATA_KEY]: token },
        }),
      ),
    );
    const outs: ApiKeyOutputs = withoutUndefined({
      ...createdKeyOutputs(created, createToken, inputs.expiration),
      roleDescriptors: inputs.roleDescriptors ?? {},
      metadata,
      connection: inputs.connection,
    });
    return { id: created.id, outs };
  } catch (err) {
    throw explainFailure(err, { subject, operation: "create" });
  }
}
