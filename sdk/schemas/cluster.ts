/** `GET /` of Elasticsearch. */
import { z } from "zod";

export const clusterInfoSchema = z.looseObject({
  name: z.string(),
  cluster_name: z.string(),
  cluster_uuid: z.string(),
  version: z.looseObject({ number: z.string() }),
  tagline: z.string().optional(),
});

export type ClusterInfo = z.infer<typeof clusterInfoSchema>;
