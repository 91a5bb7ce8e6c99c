import { z } from "zod";
import { connectionSchema } from "../connection";

/** The inputs as the host sees them (secrets unwrapped). Messages never echo `value`. */
export const connectorSecretInputsSchema = z.strictObject({
  value: z
    .string({ error: (issue) => (issue.input === undefined ? "value is required" : "value must be a string") })
    .min(1, "value must not be empty (Elasticsearch refuses an empty connector secret)"),
  connection: connectionSchema.optional(),
  __provider: z.string().optional(),
});

export type ConnectorSecretInputs = z.infer<typeof connectorSecretInputsSchema>;
