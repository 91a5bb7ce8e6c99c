import { z } from "zod";
import { loneSurrogateAt } from "../../sdk";
import { connectionSchema } from "../connection";

/** The inputs as the host sees them (secrets unwrapped). Messages never echo `value`. */
export const connectorSecretInputsSchema = z.strictObject({
  value: z
    .string({ error: (issue) => (issue.input === undefined ? "value is required" : "value must be a string") })
    .min(1, "value must not be empty (Elasticsearch refuses an empty connector secret)")
    // A secret altered on the way (U+FFFD for the half pair) would make the connector fail to authenticate later.
    .refine((value) => loneSurrogateAt(value) < 0, {
      message: "value contains a lone UTF-16 surrogate, which has no UTF-8 form: it would be stored altered (the value is not shown)",
    }),
  connection: connectionSchema.optional(),
  __provider: z.string().optional(),
});

export type ConnectorSecretInputs = z.infer<typeof connectorSecretInputsSchema>;
