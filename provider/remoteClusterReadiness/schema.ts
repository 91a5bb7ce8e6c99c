import { z } from "zod";
import { type CheckFailure, toCheckFailures } from "../checkFailures";
import { connectionSchema } from "../connection";
import { aliasSchema, connectionFailuresAt, readinessTimeoutSchema } from "../remoteAlias";

export const remoteClusterReadinessInputsSchema = z.strictObject({
  alias: aliasSchema,
  /**
   * What the connection should be using: any change (a rotated key's id, a new proxy address) makes the check run
   * again. Never key material.
   */
  expect: z.record(z.string(), z.string(), { error: "expect must be an object of strings" }).optional(),
  readinessTimeout: readinessTimeoutSchema.optional(),
  connection: connectionSchema.optional(),
  __provider: z.string().optional(),
});

export type RemoteClusterReadinessInputs = z.infer<typeof remoteClusterReadinessInputsSchema>;
export type RemoteClusterReadinessOutputs = Omit<RemoteClusterReadinessInputs, "__provider"> & {
  /** What `_remote/info` reported when the check passed. */
  mode?: string;
  proxyAddress?: string;
  __provider?: string;
};

export function checkRemoteClusterReadiness(news: Record<string, unknown>): CheckFailure[] {
  const parsed = remoteClusterReadinessInputsSchema.safeParse(news);
  if (!parsed.success) return toCheckFailures(parsed.error.issues, news);
  return connectionFailuresAt(news.connection, parsed.data.connection, "elasticsearch");
}

export function subjectOf(alias: unknown): string {
  return `RemoteClusterReadiness ${JSON.stringify(typeof alias === "string" ? alias : "(unnamed)")}`;
}
