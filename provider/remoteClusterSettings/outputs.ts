import type { RemoteClusterSettingsInputs } from "./schema";

export type RemoteClusterSettingsOutputs = Omit<RemoteClusterSettingsInputs, "__provider"> & { __provider?: string };

export function subjectOf(alias: unknown): string {
  return `RemoteClusterSettings ${JSON.stringify(typeof alias === "string" ? alias : "(unnamed)")}`;
}
