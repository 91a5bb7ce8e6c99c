import { z } from "zod";
import { cloudConnectedServiceSchema, clusterIdSchema } from "../../sdk";
import { type CheckFailure, toCheckFailures } from "../checkFailures";
import { connectionSchema } from "../connection";
import { connectionCheckFailures } from "../credentials";
import { rotateAfterSchema } from "../rotation";
import { triggersSchema } from "../triggers";
import { containsUnknown } from "../unknowns";

const flagSchema = (name: string) => z.boolean({ error: `${name} must be true or false (a boolean, not a string or number)` });

const SERVICES = cloudConnectedServiceSchema.options.map((s) => JSON.stringify(s)).join(", ");

/**
 * `service`: the sdk's one list of Cloud Connected services, with a message that lists them and says how to get a
 * new one — Elastic may add a service before this package knows it, and the user should not have to guess.
 */
const serviceSchema = z.enum(cloudConnectedServiceSchema.options, {
  error: `service must be one of ${SERVICES}, or left out for the cluster's own key. If Elastic Cloud has added a service with its own key, ask for it to be supported (an issue on pulumi-elastic-keys): it is one line in sdk/schemas/cloud.ts`,
});

/**
 * The resource's inputs as the host sees them (secrets already unwrapped). Strict, so a misspelt input is named at
 * preview instead of being silently ignored. The cluster id rule is the sdk's, stated once.
 */
export const cloudConnectedClusterApiKeyInputsSchema = z.strictObject({
  clusterId: clusterIdSchema,
  service: serviceSchema.optional(),
  triggers: triggersSchema.optional(),
  rotateAfter: rotateAfterSchema.optional(),
  revokePreviousKey: flagSchema("revokePreviousKey").optional(),
  useEtag: flagSchema("useEtag").optional(),
  revokeOnDelete: flagSchema("revokeOnDelete").optional(),
  connection: connectionSchema.optional(),
  // Computed by check (schedule.ts), never given by the program: check replaces whatever comes in.
  rotationCountedFrom: z.string().optional(),
  rotationDue: z.string().optional(),
  // Set by the class, never by the program (index.ts, siblings.ts): how keys of one cluster share its ETag.
  siblingEtags: z.array(z.string()).optional(),
  etagWatchedBy: z.string().optional(),
  __provider: z.string().optional(),
});

export type CloudConnectedClusterApiKeyInputs = z.infer<typeof cloudConnectedClusterApiKeyInputsSchema>;

/** CheckFailures for the inputs: their shape and the Cloud connection settings. Sends no request. */
export function checkInputs(news: Record<string, unknown>): CheckFailure[] {
  const parsed = cloudConnectedClusterApiKeyInputsSchema.safeParse(news);
  if (!parsed.success) return toCheckFailures(parsed.error.issues, news);
  // A connection that is not fully known yet is checked once it is (at up).
  if (containsUnknown(news.connection)) return [];
  return connectionCheckFailures(parsed.data.connection, "cloud");
}
