import * as pulumi from "@pulumi/pulumi";
import { CloudConnectedClusterApiKey } from "pulumi-elastic-keys";

const config = new pulumi.Config();
const clusterId = config.get("clusterId") ?? "0123456789abcdef0123456789abcdef";

// Rotates on create, again every 30 days (the preview after that shows it), and whenever `rotation` changes
// (`pulumi config set rotation 2026-12` — e.g. after an incident). The previous key keeps working for 7 days so the
// self-managed cluster can pick up the new one; revokePreviousKey ends that grace period at once.
const cloudKey = new CloudConnectedClusterApiKey("cluster-key", {
  clusterId,
  triggers: { rotation: config.get("rotation") ?? "2026-11" },
  rotateAfter: "30d",
  revokePreviousKey: false,
});

// The key the cluster's Elastic Inference Service uses, rotated on its own schedule (`eisRotation` rotates it on
// demand) without touching the cluster's key. Both keys of one cluster in one stack: every rotation changes the
// cluster's single ETag, and the provider keeps the two from conflicting or taking each other's rotation for a
// change made outside Pulumi (README, "Cloud Connected service keys").
const eisKey = new CloudConnectedClusterApiKey("eis-key", {
  clusterId,
  service: "eis",
  triggers: { rotation: config.get("eisRotation") ?? "2026-11" },
  rotateAfter: "90d",
});

export const rotatedAt = cloudKey.rotatedAt;
/** Configure the self-managed cluster with it. A secret output. */
export const key = cloudKey.key;
export const eisRotatedAt = eisKey.rotatedAt;
/** The Elastic Inference Service key of the cluster. A secret output. */
export const eisServiceKey = eisKey.key;
