import type * as pulumi from "@pulumi/pulumi";
import type { RemoteClusterReadinessOutputs } from "./schema";

/** The check owns nothing remote: refresh keeps it as it is (the next change of `expect` runs it again). */
export async function read(id: string, props: RemoteClusterReadinessOutputs): Promise<pulumi.dynamic.ReadResult<RemoteClusterReadinessOutputs>> {
  return { id, props };
}
