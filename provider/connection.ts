import { z } from "zod";

const text = (field: string) => z.string({ error: `connection.${field} must be a string` }).min(1, `connection.${field} must not be empty; omit it to use the stack config or environment`);

/**
 * Per-resource connection override (the `connection` input). Every field is optional and wins over stack config
 * and the environment; a credential (or the TLS settings) set here replaces the stack's as a whole. The Resource classes wrap it in `pulumi.secret` so it is encrypted in state.
 * Only the shape is checked here; what the values mean (URLs, files, credential formats) is checked with the stack
 * config and environment settings in `credentials.ts`, by the same rules.
 */
export const connectionSchema = z.strictObject(
  {
    endpoints: z
      .array(z.string({ error: "connection.endpoints must list URLs (strings)" }), {
        error: 'connection.endpoints must be a list of URLs, e.g. ["https://localhost:9200"]',
      })
      .min(1, "give at least one Elasticsearch URL")
      .optional(),
    username: text("username").optional(),
    password: text("password").optional(),
    apiKey: text("apiKey").optional(),
    bearerToken: text("bearerToken").optional(),
    caCert: text("caCert").optional(),
    insecure: z.boolean({ error: "connection.insecure must be true or false (a boolean, not a string)" }).optional(),
    cloudEndpoint: text("cloudEndpoint").optional(),
    cloudApiKey: text("cloudApiKey").optional(),
  },
  { error: (iss) => (iss.code === "unrecognized_keys" ? undefined : "connection must be an object of connection settings") },
);

export type ConnectionInput = z.infer<typeof connectionSchema>;
