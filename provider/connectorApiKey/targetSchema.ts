import { z } from "zod";
import { connectionSchema } from "../connection";
import { RESERVED_CONNECTOR_IDS } from "../connectorApiKeyBinding/schema";
import { documentIdSchema } from "../text";
import { concreteIndexNameProblem } from "./indexName";

/** The inputs of {@link ConnectorTarget} as the host sees them. */
export const connectorTargetInputsSchema = z.strictObject({
  connectorId: documentIdSchema("connectorId", "the id of an existing connector", RESERVED_CONNECTOR_IDS),
  indexName: z
    .string({ error: "indexName is required: the connector's content index" })
    .superRefine((name, ctx) => {
      const problem = concreteIndexNameProblem(name);
      if (problem) ctx.addIssue({ code: "custom", message: `indexName ${problem}` });
    }),
  connection: connectionSchema.optional(),
  __provider: z.string().optional(),
});

export type ConnectorTargetInputs = z.infer<typeof connectorTargetInputsSchema>;

/** What is stored: the inputs (read and delete only get old outputs). */
export interface ConnectorTargetOutputs {
  connectorId: string;
  indexName: string;
  connection?: ConnectorTargetInputs["connection"];
  __provider?: string;
}
