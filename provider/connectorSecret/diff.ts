import type * as pulumi from "@pulumi/pulumi";
import { canonicalJson } from "../json";
import type { ConnectorSecretOutputs } from "./outputs";

/**
 * A new `value` replaces the secret (a new secret id is stored before the old one is deleted, so a binding can
 * move to it); the sdk has no call that rewrites a secret. `connection` updates what the provider stores.
 */
export function diffConnectorSecret(olds: ConnectorSecretOutputs, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const replaces = news.value !== olds.value ? ["value"] : [];
  const connectionChanged = canonicalJson(news.connection ?? null) !== canonicalJson(olds.connection ?? null);
  return { changes: replaces.length > 0 || connectionChanged, replaces, deleteBeforeReplace: false };
}
