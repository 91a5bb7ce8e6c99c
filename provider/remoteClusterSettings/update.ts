import type * as pulumi from "@pulumi/pulumi";
import { apply } from "./create";
import type { RemoteClusterSettingsOutputs } from "./outputs";

export async function update(
  _id: string,
  _olds: RemoteClusterSettingsOutputs,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult<RemoteClusterSettingsOutputs>> {
  return { outs: await apply(news, "update") };
}
