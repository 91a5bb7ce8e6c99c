import type * as pulumi from "@pulumi/pulumi";
import { canonicalJson } from "../json";
import type { RemoteClusterSettingsOutputs } from "./outputs";

/** Replace: `alias` (a different alias is a different remote cluster). Everything else is updated in place. */
export function diffRemoteClusterSettings(olds: RemoteClusterSettingsOutputs, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const replaces = news.alias !== olds.alias ? ["alias"] : [];
  const updates = (["proxyAddress", "serverName", "skipUnavailable", "connection"] as const).filter(
    (k) => canonicalJson(news[k] ?? null) !== canonicalJson(olds[k] ?? null),
  );
  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
}
