/**
 * Request and response bodies of the Elasticsearch API key endpoints. Requests are strict (Elasticsearch's parsers
 * reject unknown fields); responses enforce the fields the sdk and provider rely on and tolerate any others.
 */
import { z } from "zod";
import { crossClusterAccessSchema, dlsQuerySchema, indexNamesSchema } from "./access";
import { apiKeyNameSchema, durationSchema, metadataSchema, strictFields } from "./common";

/** Names as responses carry them: tolerant (no emptiness rule), unlike the request's {@link indexNamesSchema}. */
const namesSchema = z.union([z.string(), z.array(z.string())]);

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * `certificate_identity` (Stack 9.3+): a Java regular expression the distinguished name of the remote cluster's
 * signing certificate must match in full, e.g. `CN=remote-.*,OU=search,O=Example`. Elasticsearch compiles it
 * (`Invalid certificate_identity format: [x]. Must be a valid regex.`); clusters before 9.3 refuse the field
 * (`unknown field [certificate_identity]`), so it must never be sent to them unless the user asked for it.
 */
export const certificateIdentitySchema = z.string({ error: "certificate_identity must be a string" });

/** `POST /_security/cross_cluster/api_key`. */
export const createCrossClusterApiKeyRequestSchema = z.strictObject(
  {
    name: apiKeyNameSchema,
    access: crossClusterAccessSchema,
    expiration: durationSchema.optional(),
    metadata: metadataSchema.optional(),
    certificate_identity: certificateIdentitySchema.optional(),
  },
  strictFields("cross_cluster_api_key_request_payload"),
);

/**
 * `PUT /_security/cross_cluster/api_key/{id}`. `name` cannot be changed; `access` and `metadata` replace the old
 * values; at least one of them (or, on 9.3+, `certificate_identity`) is required (an expiration alone is refused).
 * `certificate_identity`: a string sets it, `null` clears it, absent leaves it as it is.
 */
export const updateCrossClusterApiKeyRequestSchema = z
  .strictObject(
    {
      access: crossClusterAccessSchema.optional(),
      metadata: metadataSchema.optional(),
      expiration: durationSchema.optional(),
      certificate_identity: certificateIdentitySchema.nullable().optional(),
    },
    strictFields("update_cross_cluster_api_key_request_payload"),
  )
  .superRefine((body, ctx) => {
    if (body.access === undefined && body.metadata === undefined && body.certificate_identity === undefined)
      ctx.addIssue({ code: "custom", message: "must update either [access] or [metadata] for cross-cluster API keys" });
  });

/** A role descriptor of a REST API key (only what creating connector keys needs is typed; the rest passes). */
export const roleDescriptorSchema = z.looseObject({
  cluster: z.array(z.string()).optional(),
  indices: z
    .array(
      z.looseObject({
        names: namesSchema,
        privileges: z.array(z.string(), {
          error: (iss) => (iss.input === undefined ? 'privileges is required: a list of index privileges such as ["read"]' : "privileges must be a list of privilege names"),
        }),
        query: dlsQuerySchema.optional(),
        allow_restricted_indices: z.boolean().optional(),
      }),
    )
    .optional(),
});

/** `POST /_security/api_key` (a REST API key, e.g. for a connector). */
export const createApiKeyRequestSchema = z.strictObject(
  {
    name: apiKeyNameSchema,
    expiration: durationSchema.optional(),
    role_descriptors: z.record(z.string(), roleDescriptorSchema).optional(),
    metadata: metadataSchema.optional(),
  },
  strictFields("api_key_request"),
);

/**
 * `PUT /_security/api_key/{id}` (a REST key the caller owns). Omitted fields stay as they are; `metadata` replaces
 * the old metadata wholesale.
 */
export const updateApiKeyRequestSchema = z.strictObject(
  {
    role_descriptors: z.record(z.string(), roleDescriptorSchema).optional(),
    metadata: metadataSchema.optional(),
    expiration: durationSchema.optional(),
  },
  strictFields("update_api_key_request_payload"),
);

/** `POST /_security/_query/api_key`. */
export const queryApiKeysRequestSchema = z.strictObject(
  {
    query: z.record(z.string(), z.unknown()).optional(),
    from: z.number().int().nonnegative().optional(),
    size: z.number().int().nonnegative().optional(),
    sort: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
    search_after: z.array(z.unknown()).optional(),
    aggs: z.record(z.string(), z.unknown()).optional(),
    aggregations: z.record(z.string(), z.unknown()).optional(),
  },
  strictFields("query_api_key_request"),
);

/** `DELETE /_security/api_key` by ids. */
export const invalidateApiKeysRequestSchema = z.strictObject(
  {
    ids: z
      .array(z.string())
      .min(1, "Field [ids] cannot be an empty array")
      .superRefine((ids, ctx) => {
        const blank = ids.findIndex((id) => id.trim() === "");
        if (blank >= 0)
          ctx.addIssue({
            code: "custom",
            message: `Field [ids] must not contain blank id, but got blank id at index position: [${blank}]`,
            path: [blank],
          });
      }),
  },
  strictFields("invalidate_api_key"),
);

// ── Responses ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Response of both create endpoints. `api_key` and `encoded` are secrets. */
export const createApiKeyResponseSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  /** Absolute expiry, epoch ms; only when an expiration was given. */
  expiration: z.number().optional(),
  api_key: z.string(),
  encoded: z.string(),
});
/** Same shape as {@link createApiKeyResponseSchema}. */
export const createCrossClusterApiKeyResponseSchema = createApiKeyResponseSchema;

export const updateCrossClusterApiKeyResponseSchema = z.looseObject({ updated: z.boolean() });
/** Same shape as {@link updateCrossClusterApiKeyResponseSchema}. */
export const updateApiKeyResponseSchema = updateCrossClusterApiKeyResponseSchema;

/** `access` as GET returns it: names always arrays, `query` as JSON text; empty lists omitted. */
export const apiKeyAccessSchema = z.looseObject({
  search: z
    .array(
      z.looseObject({
        names: namesSchema,
        query: dlsQuerySchema.optional(),
        field_security: z
          .looseObject({ grant: z.array(z.string()).optional(), except: z.array(z.string()).optional() })
          .optional(),
        allow_restricted_indices: z.boolean().optional(),
      }),
    )
    .optional(),
  replication: z
    .array(z.looseObject({ names: namesSchema, allow_restricted_indices: z.boolean().optional() }))
    .optional(),
});

/** One API key as `GET /_security/api_key` and the query API return it. Never contains the secret. */
export const apiKeyInfoSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.enum(["rest", "cross_cluster"]),
  /** Epoch ms. */
  creation: z.number(),
  /** Epoch ms; absent when the key never expires. */
  expiration: z.number().optional(),
  invalidated: z.boolean(),
  /** Epoch ms of invalidation. */
  invalidation: z.number().optional(),
  username: z.string(),
  realm: z.string(),
  realm_type: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()),
  role_descriptors: z.record(z.string(), roleDescriptorSchema).optional(),
  /** Only for cross-cluster keys. */
  access: apiKeyAccessSchema.optional(),
  /**
   * Cross-cluster keys on Stack 9.3+: the DN pattern the remote cluster's client certificate must match. Older
   * clusters never send it; null is taken as absent.
   */
  certificate_identity: z.string().nullish(),
});

export const getApiKeysResponseSchema = z.looseObject({ api_keys: z.array(apiKeyInfoSchema) });

export const queryApiKeysResponseSchema = z.looseObject({
  total: z.number(),
  count: z.number(),
  api_keys: z.array(apiKeyInfoSchema),
});

/** An entry of `error_details`. */
export const errorCauseSchema = z.looseObject({ type: z.string(), reason: z.string().nullish() });

export const invalidateApiKeysResponseSchema = z.looseObject({
  invalidated_api_keys: z.array(z.string()),
  previously_invalidated_api_keys: z.array(z.string()),
  error_count: z.number(),
  error_details: z.array(errorCauseSchema).optional(),
});

export type CreateCrossClusterApiKeyRequest = z.infer<typeof createCrossClusterApiKeyRequestSchema>;
export type UpdateCrossClusterApiKeyRequest = z.infer<typeof updateCrossClusterApiKeyRequestSchema>;
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;
export type UpdateApiKeyRequest = z.infer<typeof updateApiKeyRequestSchema>;
export type UpdateApiKeyResponse = z.infer<typeof updateApiKeyResponseSchema>;
export type QueryApiKeysRequest = z.infer<typeof queryApiKeysRequestSchema>;
export type InvalidateApiKeysRequest = z.infer<typeof invalidateApiKeysRequestSchema>;
export type RoleDescriptor = z.infer<typeof roleDescriptorSchema>;
export type CreateApiKeyResponse = z.infer<typeof createApiKeyResponseSchema>;
export type CreateCrossClusterApiKeyResponse = z.infer<typeof createCrossClusterApiKeyResponseSchema>;
export type UpdateCrossClusterApiKeyResponse = z.infer<typeof updateCrossClusterApiKeyResponseSchema>;
export type ApiKeyAccess = z.infer<typeof apiKeyAccessSchema>;
export type ApiKeyInfo = z.infer<typeof apiKeyInfoSchema>;
export type GetApiKeysResponse = z.infer<typeof getApiKeysResponseSchema>;
export type QueryApiKeysResponse = z.infer<typeof queryApiKeysResponseSchema>;
export type InvalidateApiKeysResponse = z.infer<typeof invalidateApiKeysResponseSchema>;
