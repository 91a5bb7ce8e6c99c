import type * as pulumi from "@pulumi/pulumi";
import { canonicalJson } from "../json";
import type { RemoteClusterReadinessOutputs } from "./schema";

/** Any change runs the check again (an update); nothing is ever replaced, since the check owns no object. */
export function diffRemoteClusterReadiness(olds: RemoteClusterReadinessOutputs, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const changed = (["alias", "expect", "readinessTimeout", "connection"] as const).some(
    (k) => canonicalJson(news[k] ?? null) !== canonicalJson(olds[k] ?? null),
  );
  return { changes: changed, replaces: [], deleteBeforeReplace: false };
}
