import type { ConnectionInput } from "../connection";

/**
 * What the provider stores. The resource id is the connector id: a connector has exactly one key binding. Read
 * only receives old outputs, so everything needed to rebuild the inputs lives here.
 */
export interface BindingOutputs {
  connectorId: string;
  apiKeyId: string;
  /** Absent when the binding does not manage the connector's secret id (self-managed connectors). */
  apiKeySecretId?: string;
  connection?: ConnectionInput;
  __provider?: string;
}

export function subjectOf(connectorId: unknown): string {
  return `ConnectorApiKeyBinding for connector ${JSON.stringify(typeof connectorId === "string" ? connectorId : "(unknown)")}`;
}
