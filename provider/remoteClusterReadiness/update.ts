import type * as pulumi from "@pulumi/pulumi";
import { verify } from "./create";
import type { RemoteClusterReadinessOutputs } from "./schema";

export async function update(
  _id: string,
  _olds: RemoteClusterReadinessOutputs,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult<RemoteClusterReadinessOutputs>> {
  return { outs: await verify(news, "update") };
}
