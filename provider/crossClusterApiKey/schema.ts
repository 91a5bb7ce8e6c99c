import { z } from "zod";
import { crossClusterAccessSchema, lifetimeSchema, metadataSchema, parseDurationMs } from "../../sdk";
import { type CheckFailure, toCheckFailures } from "../checkFailures";
import { connectionCheckFailures } from "../credentials";
import { connectionSchema } from "../connection";
import { reservedMetadataProblems } from "../createMarked";
import { expiryWarningFailures, expiryWarningSchema } from "../expiryWarning";
import { canonicalJson, withoutUndefined } from "../json";
import { rotateAfterSchema } from "../rotation";
import { triggersSchema } from "../triggers";
import { documentIdSchema, indexPatternProblem, keyNameSchema } from "../text";
import { UNKNOWN } from "../unknowns";
import { certificateIdentityInputSchema } from "./certificateIdentity";

/**
 * The resource's inputs as the host sees them (camelCase, secrets already unwrapped). This schema is the source of
 * truth for CrossClusterApiKeyArgs' resolved shape; Elasticsearch's own rules (names, durations, metadata keys,
 * access combinations) come from the sdk's request schemas so they are stated once.
 */
const namesSchema = z
  .union([z.string(), z.array(z.string())], { error: "names must be an index name or pattern, or a list of them" })
  .superRefine((names, ctx) => {
    if (typeof names === "string") {
      const problem = indexPatternProblem(names);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
      return;
    }
    if (names.length === 0) ctx.addIssue({ code: "custom", message: "names must list at least one index pattern" });
    names.forEach((name, i) => {
      const problem = indexPatternProblem(name);
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: [i] });
    });
  });

/**
 * Entries are checked here only for what Elasticsearch would let through but is surely a mistake (names that can
 * match no index); every other rule — allowed fields, DLS/FLS combinations, size — is the sdk's request schema,
 * applied to the API form. Loose, so that unknown fields reach that schema and are named in Elasticsearch's words.
 */
const accessEntryInputSchema = z.looseObject({
  names: namesSchema,
  query: z.union([z.string(), z.record(z.string(), z.unknown())], { error: "query must be a query object or its JSON text" }).optional(),
  fieldSecurity: z
    .looseObject(
      {
        grant: z.array(z.string(), { error: "grant must be a list of field names or patterns" }).optional(),
        except: z.array(z.string(), { error: "except must be a list of field names or patterns" }).optional(),
      },
      { error: "fieldSecurity must be an object with grant and/or except" },
    )
    .optional(),
  allowRestrictedIndices: z.boolean({ error: "allowRestrictedIndices must be true or false" }).optional(),
});

export const accessInputSchema = z.looseObject(
  {
    search: z.array(accessEntryInputSchema, { error: 'search must be a list of entries such as [{ names: ["logs-*"] }]' }).optional(),
    replication: z.array(accessEntryInputSchema, { error: 'replication must be a list of entries such as [{ names: ["logs-*"] }]' }).optional(),
  },
  { error: "access must be an object with a search and/or a replication list" },
);

export const crossClusterApiKeyInputsSchema = z.strictObject({
  name: keyNameSchema,
  access: accessInputSchema,
  expiration: lifetimeSchema("expiration").optional(),
  metadata: metadataSchema.optional(),
  rotateAfter: rotateAfterSchema.optional(),
  triggers: triggersSchema.optional(),
  expiryWarning: expiryWarningSchema.optional(),
  adoptKeyId: documentIdSchema("adoptKeyId", "the id of an existing cross-cluster API key").optional(),
  certificateIdentity: certificateIdentityInputSchema.optional(),
  connection: connectionSchema.optional(),
  /** Hidden: the resource's URN, set by the Resource class (see ../owner.ts). */
  owner: z.string().optional(),
  __provider: z.string().optional(),
});

export type CrossClusterApiKeyInputs = z.infer<typeof crossClusterApiKeyInputsSchema>;
export type AccessInput = z.infer<typeof accessInputSchema>;
type ApiAccess = z.infer<typeof crossClusterAccessSchema>;

/** The one form access takes in outputs and comparisons: arrays everywhere, defaults filled, query as canonical JSON text. */
export interface NormalizedSearchEntry {
  names: string[];
  query?: string;
  fieldSecurity?: { grant?: string[]; except?: string[] };
  allowRestrictedIndices: boolean;
}
export interface NormalizedAccess {
  search?: NormalizedSearchEntry[];
  replication?: { names: string[]; allowRestrictedIndices: boolean }[];
}

const toArray = (names: string | string[]): string[] => (typeof names === "string" ? [names] : names);

function normalizeQuery(query: string | Record<string, unknown> | undefined): string | undefined {
  if (query === undefined) return undefined;
  if (typeof query !== "string") return canonicalJson(query);
  try {
    return canonicalJson(JSON.parse(query));
  } catch {
    return query; // a template or other non-JSON text is compared as written
  }
}

function normalizeFieldSecurity(fs: { grant?: string[]; except?: string[] } | undefined) {
  if (!fs) return undefined;
  return withoutUndefined({ grant: fs.grant, except: fs.except && fs.except.length > 0 ? fs.except : undefined });
}

/** Works for both the input form and the API's snake_case form. */
export function normalizeAccess(access: AccessInput | ApiAccess): NormalizedAccess {
  const search = (access.search ?? []).map((entry): NormalizedSearchEntry => {
    const e = entry as Record<string, unknown>;
    const fieldSecurity = (e.fieldSecurity ?? e.field_security) as { grant?: string[]; except?: string[] } | undefined;
    const allow = (e.allowRestrictedIndices ?? e.allow_restricted_indices) as boolean | undefined;
    return withoutUndefined({
      names: toArray(entry.names),
      query: normalizeQuery(e.query as string | Record<string, unknown> | undefined),
      fieldSecurity: normalizeFieldSecurity(fieldSecurity),
      allowRestrictedIndices: allow ?? false,
    });
  });
  const replication = (access.replication ?? []).map((entry) => {
    const e = entry as Record<string, unknown>;
    const allow = (e.allowRestrictedIndices ?? e.allow_restricted_indices) as boolean | undefined;
    return { names: toArray(entry.names), allowRestrictedIndices: allow ?? false };
  });
  return withoutUndefined({
    search: search.length > 0 ? search : undefined,
    replication: replication.length > 0 ? replication : undefined,
  });
}

/**
 * The normalized access as a program usually writes it — defaults left out — for the inputs refresh hands back:
 * the CLI shows every difference between stored and program inputs, so a default filled in would be listed as a
 * change (`~access`) that is none.
 */
export function accessAsWritten(access: NormalizedAccess): AccessInput {
  const withoutDefault = <T extends { allowRestrictedIndices: boolean }>({ allowRestrictedIndices, ...entry }: T) =>
    allowRestrictedIndices ? { ...entry, allowRestrictedIndices } : entry;
  return withoutUndefined({ search: access.search?.map(withoutDefault), replication: access.replication?.map(withoutDefault) }) as AccessInput;
}

/** The body Elasticsearch expects. A JSON query is sent as an object, exactly as a user would write it in the API. */
export function toApiAccess(access: NormalizedAccess): ApiAccess {
  const search = access.search?.map((e) =>
    withoutUndefined({
      names: e.names,
      query: e.query === undefined ? undefined : parseQuery(e.query),
      field_security: e.fieldSecurity,
      allow_restricted_indices: e.allowRestrictedIndices || undefined,
    }),
  );
  const replication = access.replication?.map((e) =>
    withoutUndefined({ names: e.names, allow_restricted_indices: e.allowRestrictedIndices || undefined }),
  );
  return withoutUndefined({ search, replication }) as ApiAccess;
}

function parseQuery(query: string): string | Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(query);
    return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : query;
  } catch {
    return query;
  }
}

// The sdk's schema speaks the API's names; inputs are renamed on the way in and issue paths on the way back.
const INPUT_TO_API: Record<string, string> = {
  fieldSecurity: "field_security",
  allowRestrictedIndices: "allow_restricted_indices",
};
const API_TO_INPUT = Object.fromEntries(Object.entries(INPUT_TO_API).map(([k, v]) => [v, k]));

/** The access input as written, with only the field names translated, so the sdk sees exactly what the user wrote. */
function asApiFieldNames(access: Record<string, unknown>): Record<string, unknown> {
  const rename = (entry: unknown) =>
    Object.fromEntries(Object.entries(entry as Record<string, unknown>).map(([k, v]) => [INPUT_TO_API[k] ?? k, v]));
  return Object.fromEntries(
    Object.entries(access).map(([list, entries]) => [list, Array.isArray(entries) ? entries.map(rename) : entries]),
  );
}

/** CheckFailures for the inputs: the shape, Elasticsearch's own rules, rotation vs expiry, and the connection. */
export function checkInputs(news: Record<string, unknown>): CheckFailure[] {
  const parsed = crossClusterApiKeyInputsSchema.safeParse(news);
  if (!parsed.success) return toCheckFailures(parsed.error.issues, news);
  const inputs = parsed.data;
  const failures: CheckFailure[] = reservedMetadataProblems(inputs.metadata);
  if (news.access !== UNKNOWN) {
    const api = crossClusterAccessSchema.safeParse(asApiFieldNames(inputs.access));
    if (!api.success) {
      const issues = api.error.issues.map((issue) => ({
        ...issue,
        path: issue.path.map((p) => (typeof p === "string" ? (API_TO_INPUT[p] ?? p) : p)),
      }));
      failures.push(...toCheckFailures(issues, news.access, ["access"]));
    }
  }
  if (inputs.rotateAfter && inputs.expiration && inputs.rotateAfter !== UNKNOWN && inputs.expiration !== UNKNOWN) {
    const rotate = parseDurationMs(inputs.rotateAfter);
    const expire = parseDurationMs(inputs.expiration);
    if (expire !== undefined && expire > 0 && rotate !== undefined && rotate >= expire) {
      failures.push({
        property: "rotateAfter",
        reason: `rotateAfter (${inputs.rotateAfter}) must be shorter than expiration (${inputs.expiration}), or the key expires before it is rotated`,
      });
    }
  }
  failures.push(...expiryWarningFailures(inputs));
  if (!JSON.stringify(news.connection ?? null).includes(UNKNOWN)) {
    failures.push(...connectionCheckFailures(inputs.connection, "crossCluster"));
  }
  return failures;
}
