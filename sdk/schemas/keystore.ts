/** Bodies of the Elastic Cloud deployment keystore endpoint (`/deployments/{id}/elasticsearch/{ref_id}/keystore`). */
import { z } from "zod";

/** A KeystoreSecret to write: a string (or a JSON object, stored as its JSON text) and whether it is a file. */
export const keystoreSecretSchema = z.strictObject({
  value: z.union([z.string(), z.record(z.string(), z.unknown())]),
  as_file: z.boolean().optional(),
});

/** `PATCH` body: the entries to add or replace; `null` removes an entry; entries not named stay. Values are secrets. */
export const updateKeystoreRequestSchema = z.strictObject({
  secrets: z.record(z.string().min(1), keystoreSecretSchema.nullable()),
});

/** `GET` and `PATCH` answers: the keystore's entry names, values redacted (the API never returns them). */
export const keystoreContentsSchema = z.looseObject({
  secrets: z.record(z.string(), z.looseObject({ as_file: z.boolean().optional() })),
});

/** Elastic Cloud deployment ids: 32 lowercase hexadecimal characters. */
export const deploymentIdSchema = z.string().regex(/^[a-f0-9]{32}$/, "must be 32 lowercase hexadecimal characters");

export type KeystoreSecret = z.infer<typeof keystoreSecretSchema>;
export type UpdateKeystoreRequest = z.infer<typeof updateKeystoreRequestSchema>;
export type KeystoreContents = z.infer<typeof keystoreContentsSchema>;
