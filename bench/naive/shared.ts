// Types shared by the naive variants (type-only: nothing here is captured by the closure serializer).
export interface NaiveKeyArgs {
  name?: string;
  access: { search?: { names: string[] }[]; replication?: { names: string[] }[] };
  metadata?: Record<string, unknown>;
  expiration?: string;
}

export type Props = Record<string, unknown>;
