import { z } from "zod";
import { deploymentIdSchema } from "../../sdk";
import { type CheckFailure, toCheckFailures } from "../checkFailures";
import { connectionSchema } from "../connection";
import { aliasSchema, connectionFailuresAt, readinessTimeoutSchema } from "../remoteAlias";

/** The inputs as the host sees them. `value` is key material: no rule here ever quotes it. */
export const keystoreEntryInputsSchema = z.strictObject({
  deploymentId: deploymentIdSchema,
  refId: z.string({ error: "refId must be a string" }).min(1, 'refId must not be empty (e.g. "main-elasticsearch")'),
  setting: z
    .string({ error: "setting must be a string" })
    .regex(/^[a-z0-9_]+(\.[A-Za-z0-9_-]+)+$/, 'setting must be a secure setting name such as "cluster.remote.prod.credentials"'),
  value: z.string({ error: "value must be a string" }).min(1, "value must not be empty"),
  /** When set, an update that changes `value` proves the new value connects before it is kept. */
  verify: z.strictObject({ alias: aliasSchema, readinessTimeout: readinessTimeoutSchema.optional() }).optional(),
  /** The local cluster's connection for `verify` (a secret, kept apart so that the alias is not masked as one). */
  verifyConnection: connectionSchema.optional(),
  connection: connectionSchema.optional(),
  __provider: z.string().optional(),
});

export type KeystoreEntryInputs = z.infer<typeof keystoreEntryInputsSchema>;

export function checkKeystoreEntry(news: Record<string, unknown>): CheckFailure[] {
  const parsed = keystoreEntryInputsSchema.safeParse(news);
  if (!parsed.success) return toCheckFailures(parsed.error.issues, news);
  return [
    ...connectionFailuresAt(news.connection, parsed.data.connection, "cloud"),
    ...(parsed.data.verify ? connectionFailuresAt(news.verifyConnection, parsed.data.verifyConnection, "elasticsearch", "verify") : []),
  ];
}
