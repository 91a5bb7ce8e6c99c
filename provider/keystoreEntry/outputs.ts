import type { KeystoreEntryInputs } from "./schema";

/** What the provider stores: the inputs (`value` encrypted by the engine: it is a secret output). */
export type KeystoreEntryOutputs = KeystoreEntryInputs;

/** How errors name this resource: by the entry and where it lives, never by its value. */
export function subjectOf(news: { setting?: unknown; deploymentId?: unknown }): string {
  const setting = typeof news.setting === "string" ? news.setting : "(unnamed)";
  const deployment = typeof news.deploymentId === "string" ? news.deploymentId : "(unknown)";
  return `KeystoreEntry ${JSON.stringify(setting)} of deployment ${deployment}`;
}

export function entryId(outs: { deploymentId: string; refId: string; setting: string }): string {
  return `${outs.deploymentId}/${outs.refId}/${outs.setting}`;
}
