import { z } from "zod";
import { lifetimeSchema, jsonSizeProblem, metadataSchema, type PathIssue, roleDescriptorSchema, wellFormedIssues } from "../../sdk";
import { connectionSchema } from "../connection";
import { expiryWarningSchema } from "../expiryWarning";
import { indexPatternProblem, keyNameSchema } from "../text";

/** The fields of Elasticsearch's role descriptor parser (`RoleDescriptor.Fields`), which refuses any other. */
const ROLE_DESCRIPTOR_FIELDS = new Set([
  "cluster",
  "global",
  "index",
  "indices",
  "remote_indices",
  "remote_cluster",
  "applications",
  "run_as",
  "metadata",
  "transient_metadata",
  "restriction",
  "description",
]);

/**
 * A role descriptor in Elasticsearch's own JSON form (the sdk's schema), plus what Elasticsearch refuses only when
 * the request arrives but preview can already tell: an unknown field, and an `indices` entry with a name that can
 * match no index (see {@link indexPatternProblem}).
 */
const roleDescriptorInputSchema = roleDescriptorSchema.superRefine((descriptor, ctx) => {
  for (const field of Object.keys(descriptor))
    if (!ROLE_DESCRIPTOR_FIELDS.has(field))
      ctx.addIssue({ code: "custom", path: [field], message: `unexpected field [${field}] in a role descriptor; check its spelling (e.g. indices, cluster, applications, run_as)` });
  // Text with no UTF-8 form anywhere but in index names, which indexPatternProblem below already covers.
  const broken: PathIssue[] = [];
  wellFormedIssues(descriptor, [], "role descriptor", broken);
  for (const { path, message } of broken)
    if (!(path[0] === "indices" && path[2] === "names")) ctx.addIssue({ code: "custom", path, message });
  descriptor.indices?.forEach((entry, i) => {
    const names = typeof entry.names === "string" ? [entry.names] : entry.names;
    if (names.length === 0) {
      ctx.addIssue({ code: "custom", path: ["indices", i, "names"], message: "names must list at least one non-empty index name or pattern" });
      return;
    }
    names.forEach((name, j) => {
      const problem = indexPatternProblem(name);
      const path = typeof entry.names === "string" ? ["indices", i, "names"] : ["indices", i, "names", j];
      if (problem) ctx.addIssue({ code: "custom", path, message: problem });
    });
  });
});

/** Role descriptors by role name; at most `MAX_FIELD_JSON_BYTES` of JSON (the sdk's limit). */
const roleDescriptorsInputSchema = z
  .record(z.string(), roleDescriptorInputSchema, { error: "roleDescriptors must be an object of role descriptors by role name" })
  .superRefine((descriptors, ctx) => {
    const tooBig = jsonSizeProblem("roleDescriptors", descriptors);
    if (tooBig) ctx.addIssue({ code: "custom", message: tooBig });
  });

/** The inputs as the host sees them (secrets unwrapped). Name, duration and metadata rules are the sdk's. */
export const apiKeyInputsSchema = z.strictObject({
  name: keyNameSchema,
  roleDescriptors: roleDescriptorsInputSchema.optional(),
  expiration: lifetimeSchema("expiration").optional(),
  metadata: metadataSchema.optional(),
  expiryWarning: expiryWarningSchema.optional(),
  connection: connectionSchema.optional(),
  /** Hidden: the resource's URN, set by the Resource class (see ../owner.ts). */
  owner: z.string().optional(),
  __provider: z.string().optional(),
});

export type ApiKeyInputs = z.infer<typeof apiKeyInputsSchema>;
export type RoleDescriptors = NonNullable<ApiKeyInputs["roleDescriptors"]>;
