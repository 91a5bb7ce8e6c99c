import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionInput } from "../connection";
import { canonicalJson } from "../json";
import { UNKNOWN } from "../unknowns";
import { claimInDiff } from "./claims";
import type { BindingOutputs } from "./outputs";

/**
 * Which input changes replace the binding and which update it — stated here and nowhere else.
 * - `connectorId` → replace: another connector is another binding. The new connector is bound before the old one
 *   is unbound (create-before-delete), so neither moment leaves the new connector without a key.
 * - `apiKeyId`, `apiKeySecretId` → update in place (one `PUT _connector/{id}/_api_key_id`);
 *   `connection` → update (only what the provider stores changes).
 */
export function diffBinding(olds: BindingOutputs, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const replaces = news.connectorId === UNKNOWN || news.connectorId !== olds.connectorId ? ["connectorId"] : [];
  // A binding still in the program: a removed binding of the same connector must not unbind it (claims.ts). A
  // replacement claims its connector when it is created.
  if (replaces.length === 0) claimInDiff(olds.connectorId, news.apiKeyId, news.connection as ConnectionInput | undefined);
  const updates = (["apiKeyId", "apiKeySecretId"] as const).filter((key) => news[key] !== olds[key]);
  const connectionChanged = canonicalJson(news.connection ?? null) !== canonicalJson(olds.connection ?? null);
  return { changes: replaces.length + updates.length > 0 || connectionChanged, replaces, deleteBeforeReplace: false };
}
