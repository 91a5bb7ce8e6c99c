/**
 * The `access` of a cross-cluster API key, with every rule Elasticsearch applies to it (this project follows
 * 8.14+), in Elasticsearch's words. Issue paths point at the offending part: `search[0].names`, `replication[1]`.
 *
 * As in Elasticsearch, `search` and `replication` entries share one parser (index privileges with predefined
 * privileges); the document/field level security restrictions are combination rules checked afterwards.
 */
import { z } from "zod";
import { jsonSizeProblem, type PathIssue, strictFields, wellFormedIssues } from "./common";

/** Prefix of Elasticsearch's messages for a bad access entry. */
const ENTRY = "failed to parse indices privileges for role [cross_cluster].";

const stringArray = (field: string) =>
  z.array(z.string({ error: `${ENTRY} could not parse [${field}] field. only string values are allowed` }), {
    error: `${ENTRY} could not parse [${field}] field. expected a string array`,
  });

/** One index name or pattern, or a non-empty list of them. */
export const indexNamesSchema = z
  .union([z.string(), z.array(z.string())], {
    error: (iss) =>
      iss.input === undefined
        ? `${ENTRY} missing required [names] field`
        : `${ENTRY} expected field [names] value to be a string or an array of strings`,
  })
  .refine((names) => typeof names === "string" || names.length > 0, { error: `${ENTRY} [names] cannot be an empty array` });

/** Field level security: `grant` and/or `except` (string arrays); `except` needs `grant`. */
export const fieldSecuritySchema = z
  .strictObject(
    { grant: stringArray("grant").optional(), except: stringArray("except").optional() },
    {
      error: (iss) =>
        iss.code === "unrecognized_keys"
          ? `"field_security" only accepts options grant and except, but got: ${iss.keys.join(", ")}`
          : `${ENTRY} expected field [field_security] value to be an object`,
    },
  )
  .superRefine((fs, ctx) => {
    if (fs.grant === undefined && fs.except === undefined) ctx.addIssue({ code: "custom", message: `"field_security" must not be empty.` });
    else if (fs.except !== undefined && fs.grant === undefined)
      ctx.addIssue({ code: "custom", message: `${ENTRY} field_security requires grant if except is given`, path: ["except"] });
  });

/** Document level security: a query object, or its JSON text (Elasticsearch stores and returns text). */
export const dlsQuerySchema = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: `${ENTRY} expected field [query] value to be a string or an object`,
});

/** A `search` or `replication` entry. `privileges` are derived by Elasticsearch and must not be given. */
export const accessEntrySchema = z.strictObject(
  {
    names: indexNamesSchema,
    query: dlsQuerySchema.optional(),
    field_security: fieldSecuritySchema.optional(),
    allow_restricted_indices: z.boolean({ error: `${ENTRY} expected field [allow_restricted_indices] value to be a boolean` }).optional(),
  },
  {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? iss.keys.map((k) => (k === "privileges" ? `${ENTRY} field [privileges] must not present` : `${ENTRY} unexpected field [${k}]`)).join(", ")
        : undefined,
  },
);

/** Same parser as search entries; Elasticsearch refuses document/field level security on them afterwards. */
export const searchAccessEntrySchema = accessEntrySchema;
export const replicationAccessEntrySchema = accessEntrySchema;

/**
 * Whether an entry uses document or field level security, as Elasticsearch decides it: a query (a blank query
 * string counts as none), or field security other than `grant: ["*"]`.
 */
export function usesDocumentOrFieldLevelSecurity(entry: AccessEntry): boolean {
  if (entry.query !== undefined && entry.query !== "") return true;
  const fs = entry.field_security;
  if (!fs) return false;
  if (fs.except && fs.except.length > 0) return true;
  return fs.grant !== undefined && !(fs.grant.length === 1 && fs.grant[0] === "*");
}

/** Where an entry's document/field level security is, for issue paths. */
function dlsFields(entry: AccessEntry): ("query" | "field_security")[] {
  const fields: ("query" | "field_security")[] = [];
  if (entry.query !== undefined && entry.query !== "") fields.push("query");
  if (entry.field_security && usesDocumentOrFieldLevelSecurity({ ...entry, query: undefined })) fields.push("field_security");
  return fields;
}

/**
 * `access` of a cross-cluster API key (create and update requests). Besides Elasticsearch's rules, two of this
 * library: at most `MAX_FIELD_JSON_BYTES` (1 MiB) of JSON, and text that has a UTF-8 form (see `loneSurrogateAt`).
 */
export const crossClusterAccessSchema = z
  .strictObject(
    {
      search: z.array(searchAccessEntrySchema, { error: "search must be an array of entries" }).optional(),
      replication: z.array(replicationAccessEntrySchema, { error: "replication must be an array of entries" }).optional(),
    },
    strictFields("cross_cluster_api_key_request_access"),
  )
  .superRefine((access, ctx) => {
    const tooBig = jsonSizeProblem("access", access);
    if (tooBig) {
      ctx.addIssue({ code: "custom", message: tooBig });
      return;
    }
    const broken: PathIssue[] = [];
    wellFormedIssues(access, [], "access", broken);
    for (const { path, message } of broken) ctx.addIssue({ code: "custom", message, path });
    const search = access.search ?? [];
    const replication = access.replication ?? [];
    if (search.length === 0 && replication.length === 0) {
      ctx.addIssue({ code: "custom", message: "must specify non-empty access for either [search] or [replication]" });
      return;
    }
    // Elasticsearch stops at the first of these; every offending field is reported here, in its order.
    if (replication.length > 0)
      search.forEach((entry, i) => {
        for (const field of dlsFields(entry))
          ctx.addIssue({
            code: "custom",
            message: "search does not support document or field level security if replication is assigned",
            path: ["search", i, field],
          });
      });
    replication.forEach((entry, i) => {
      for (const field of dlsFields(entry))
        ctx.addIssue({ code: "custom", message: "replication does not support document or field level security", path: ["replication", i, field] });
    });
  });

export type CrossClusterAccess = z.infer<typeof crossClusterAccessSchema>;
export type AccessEntry = z.infer<typeof accessEntrySchema>;
export type SearchAccessEntry = AccessEntry;
export type ReplicationAccessEntry = AccessEntry;
