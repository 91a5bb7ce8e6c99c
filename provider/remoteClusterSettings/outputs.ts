import type { RemoteClusterSettingsInputs } from "./schema";

/** What the provider stores: the inputs. */
export type RemoteClusterSettingsOutputs = RemoteClusterSettingsInputs;

export function subjectOf(alias: unknown): string {
  return `RemoteClusterSettings ${JSON.stringify(typeof alias === "string" ? alias : "(unnamed)")}`;
}
