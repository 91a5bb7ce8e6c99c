import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { withoutUndefined } from "../json";
import { remoteClustersClient } from "../clients";
import { type RemoteClusterSettingsOutputs, subjectOf } from "./outputs";
import { remoteClusterSettingsInputsSchema, settingsFor } from "./schema";

/** Writes the alias' proxy-mode settings as persistent cluster settings (idempotent: create and update are the same PUT). */
export async function apply(news: Record<string, unknown>, operation: string): Promise<RemoteClusterSettingsOutputs> {
  try {
    const inputs = parseInputs(remoteClusterSettingsInputsSchema, news);
    await remoteClustersClient(inputs.connection).putClusterSettings({ persistent: settingsFor(inputs) });
    return withoutUndefined({ ...inputs });
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(news.alias), operation });
  }
}

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<RemoteClusterSettingsOutputs>> {
  const outs = await apply(news, "create");
  return { id: outs.alias, outs };
}
