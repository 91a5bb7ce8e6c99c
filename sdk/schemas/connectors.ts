/**
 * Bodies of the connector endpoints (beta upstream: responses tolerate unknown fields) and of connector secrets.
 */
import { z } from "zod";
import { strictFields } from "./common";

const nullableString = z.string().nullable();

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────────────────

/** `PUT /_connector/{id}` — creates (or updates) a connector; used by tests and examples. */
export const createConnectorRequestSchema = z.strictObject(
  {
    index_name: nullableString.optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    service_type: z.string().optional(),
    is_native: z.boolean().optional(),
    language: z.string().optional(),
  },
  strictFields("connector_put_request"),
);

/**
 * `PUT /_connector/{id}/_api_key_id`. Only non-null fields are written: `null` leaves a field as it is, so
 * unbinding a key means writing `""`.
 */
export const updateConnectorApiKeyIdRequestSchema = z.strictObject(
  {
    api_key_id: nullableString.optional(),
    api_key_secret_id: nullableString.optional(),
  },
  strictFields("connector_update_api_key_id_request"),
);

/** `POST /_connector/_secret`. `value` is a secret (the encoded API key the connector will use). */
export const createConnectorSecretRequestSchema = z.strictObject({ value: z.string() }, strictFields("post_secret_request"));

// ── Responses ───────────────────────────────────────────────────────────────────────────────────────────────────

/** `GET /_connector/{id}`: the fields the provider uses; every other field of the document passes through. */
export const connectorSchema = z.looseObject({
  id: z.string(),
  /** Omitted when null. */
  api_key_id: nullableString.optional(),
  api_key_secret_id: nullableString.optional(),
  index_name: nullableString.optional(),
  name: nullableString.optional(),
  description: nullableString.optional(),
  service_type: nullableString.optional(),
  is_native: z.boolean().optional(),
  status: z.string().optional(),
  deleted: z.boolean().optional(),
});

export const createConnectorResponseSchema = z.looseObject({ result: z.string(), id: z.string().optional() });

export const updateConnectorApiKeyIdResponseSchema = z.looseObject({ result: z.enum(["updated", "noop"]) });

export const createConnectorSecretResponseSchema = z.looseObject({ id: z.string() });

/** `GET /_connector/_secret/{id}`. `value` is a secret. */
export const connectorSecretSchema = z.looseObject({ id: z.string(), value: z.string() });

export const deleteConnectorSecretResponseSchema = z.looseObject({ deleted: z.boolean() });

export type CreateConnectorRequest = z.infer<typeof createConnectorRequestSchema>;
export type UpdateConnectorApiKeyIdRequest = z.infer<typeof updateConnectorApiKeyIdRequestSchema>;
export type CreateConnectorSecretRequest = z.infer<typeof createConnectorSecretRequestSchema>;
export type Connector = z.infer<typeof connectorSchema>;
export type CreateConnectorResponse = z.infer<typeof createConnectorResponseSchema>;
export type UpdateConnectorApiKeyIdResponse = z.infer<typeof updateConnectorApiKeyIdResponseSchema>;
export type CreateConnectorSecretResponse = z.infer<typeof createConnectorSecretResponseSchema>;
export type ConnectorSecret = z.infer<typeof connectorSecretSchema>;
export type DeleteConnectorSecretResponse = z.infer<typeof deleteConnectorSecretResponseSchema>;
