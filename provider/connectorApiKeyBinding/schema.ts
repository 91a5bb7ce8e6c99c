import { z } from "zod";
import { connectionSchema } from "../connection";
import { documentIdSchema } from "../text";

/**
 * Connector ids that cannot be used in `/_connector/{id}` paths: Elasticsearch routes `_connector/_secret/…` and
 * `_connector/_sync_job/…` to the connector secret and sync job APIs, so a binding would write or read those instead.
 */
export const RESERVED_CONNECTOR_IDS = ["_secret", "_sync_job"];

/** The binding's inputs as the host sees them (secrets already unwrapped). The source of truth for their shape. */
export const bindingInputsSchema = z.strictObject({
  connectorId: documentIdSchema("connectorId", "the id of an existing connector", RESERVED_CONNECTOR_IDS),
  apiKeyId: documentIdSchema("apiKeyId", "the id of an existing REST API key"),
  apiKeySecretId: documentIdSchema("apiKeySecretId", "the id of a connector secret holding the key's encoded value").optional(),
  connection: connectionSchema.optional(),
  __provider: z.string().optional(),
});

export type BindingInputs = z.infer<typeof bindingInputsSchema>;
