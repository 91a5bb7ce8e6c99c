import type { ConnectionInput } from "../connection";

/** What the provider stores; `value` is a secret output. */
export interface ConnectorSecretOutputs {
  secretId: string;
  value: string;
  connection?: ConnectionInput;
  __provider?: string;
}

export function subjectOf(id?: string): string {
  return id ? `ConnectorSecret ${JSON.stringify(id)}` : "ConnectorSecret";
}
