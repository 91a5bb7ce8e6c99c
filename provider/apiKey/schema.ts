import { z } from "zod";
import { apiKeyNameSchema, durationSchema, metadataSchema, roleDescriptorSchema } from "../../sdk";
import { connectionSchema } from "../connection";

/**
 * A role descriptor in Elasticsearch's own JSON form (the sdk's schema), plus what Elasticsearch refuses only when
 * the request arrives but preview can already tell: an `indices` entry without a usable index name.
 */
const roleDescriptorInputSchema = roleDescriptorSchema.superRefine((descriptor, ctx) => {
  descriptor.indices?.forEach((entry, i) => {
    const names = typeof entry.names === "string" ? [entry.names] : entry.names;
    if (names.length === 0 || names.includes("")) {
      ctx.addIssue({ code: "custom", path: ["indices", i, "names"], message: "names must list at least one non-empty index name or pattern" });
    }
  });
});

/** The inputs as the host sees them (secrets unwrapped). Name, duration and metadata rules are the sdk's. */
export const apiKeyInputsSchema = z.strictObject({
  name: apiKeyNameSchema,
  roleDescriptors: z.record(z.string(), roleDescriptorInputSchema).optional(),
  expiration: durationSchema.optional(),
  metadata: metadataSchema.optional(),
  connection: connectionSchema.optional(),
  __provider: z.string().optional(),
});

export type ApiKeyInputs = z.infer<typeof apiKeyInputsSchema>;
export type RoleDescriptors = NonNullable<ApiKeyInputs["roleDescriptors"]>;
