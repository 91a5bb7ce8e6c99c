/** Bodies of the Elastic Cloud "Cloud Connected" cluster endpoints (under `/api/v1`). */
import { z } from "zod";

/** `GET /cloud-connected/clusters/{id}`. */
export const cloudConnectedClusterSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  metadata: z
    .looseObject({
      created_at: z.string().optional(),
      created_by: z.string().optional(),
      organization_id: z.string().optional(),
    })
    .optional(),
  self_managed_cluster: z
    .looseObject({ id: z.string().optional(), name: z.string().optional(), version: z.string().optional() })
    .optional(),
});

/**
 * The Cloud Connected services that have a key of their own (`…/apikey/{service}/_rotate`, `_revoke-pending`): the
 * Elastic Inference Service so far (API docs, 2026). The one list of them: when Elastic adds a service, add its
 * path segment here (the provider's input check and its error message follow).
 */
export const cloudConnectedServiceSchema = z.enum(["eis"]);

/** `POST /cloud-connected/clusters/{id}/apikey/_rotate` and `…/apikey/{service}/_rotate`. `key` is a secret. */
export const rotateClusterApiKeyResponseSchema = z.looseObject({ key: z.string() });

export type CloudConnectedCluster = z.infer<typeof cloudConnectedClusterSchema>;
/** A Cloud Connected service with a key of its own (`"eis"`, the Elastic Inference Service). */
export type CloudConnectedService = z.infer<typeof cloudConnectedServiceSchema>;
export type RotateClusterApiKeyResponse = z.infer<typeof rotateClusterApiKeyResponseSchema>;
