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

/** `POST /cloud-connected/clusters/{id}/apikey/_rotate`. `key` is a secret. */
export const rotateClusterApiKeyResponseSchema = z.looseObject({ key: z.string() });

export type CloudConnectedCluster = z.infer<typeof cloudConnectedClusterSchema>;
export type RotateClusterApiKeyResponse = z.infer<typeof rotateClusterApiKeyResponseSchema>;
