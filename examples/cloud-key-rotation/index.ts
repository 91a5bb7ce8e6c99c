import * as pulumi from "@pulumi/pulumi";
import { CloudConnectedClusterApiKey } from "pulumi-elastic-keys";

const config = new pulumi.Config();

// Rotates on create, again every 30 days (the preview after that shows it), and whenever `rotation` changes
// (`pulumi config set rotation 2026-12` — e.g. after an incident). The previous key keeps working for 7 days so the
// self-managed cluster can pick up the new one; revokePreviousKey ends that grace period at once.
const cloudKey = new CloudConnectedClusterApiKey("cluster-key", {
  clusterId: config.get("clusterId") ?? "0123456789abcdef0123456789abcdef",
  triggers: { rotation: config.get("rotation") ?? "2026-11" },
  rotateAfter: "30d",
  revokePreviousKey: false,
});

export const rotatedAt = cloudKey.rotatedAt;
/** Configure the self-managed cluster with it. A secret output. */
export const key = cloudKey.key;
