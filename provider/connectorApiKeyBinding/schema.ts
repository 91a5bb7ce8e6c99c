import { z } from "zod";
import { connectionSchema } from "../connection";

/** A required id: says what it must name rather than zod's "expected string, received undefined". */
function idOf(field: string, what: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required: ${what}` : `${field} must be a string: ${what}`) })
    .min(1, `${field} must not be empty: ${what}`);
}

/** The binding's inputs as the host sees them (secrets already unwrapped). The source of truth for their shape. */
export const bindingInputsSchema = z.strictObject({
  connectorId: idOf("connectorId", "the id of an existing connector"),
  apiKeyId: idOf("apiKeyId", "the id of an existing REST API key"),
  apiKeySecretId: idOf("apiKeySecretId", "the id of a connector secret holding the key's encoded value").optional(),
  connection: connectionSchema.optional(),
  __provider: z.string().optional(),
});

export type BindingInputs = z.infer<typeof bindingInputsSchema>;
