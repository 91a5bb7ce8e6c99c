import { z } from "zod";

/**
 * Per-resource connection override (the `connection` input). Every field is optional and wins over stack config
 * and the environment, field by field. The Resource classes wrap it in `pulumi.secret` so it is encrypted in state.
 */
export const connectionSchema = z.strictObject({
  endpoints: z.array(z.string()).min(1, "give at least one Elasticsearch URL").optional(),
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  apiKey: z.string().min(1).optional(),
  bearerToken: z.string().min(1).optional(),
  caCert: z.string().min(1).optional(),
  insecure: z.boolean().optional(),
  cloudEndpoint: z.string().min(1).optional(),
  cloudApiKey: z.string().min(1).optional(),
});

export type ConnectionInput = z.infer<typeof connectionSchema>;
