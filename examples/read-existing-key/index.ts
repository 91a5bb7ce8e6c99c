import * as pulumi from "@pulumi/pulumi";
import { CrossClusterApiKey } from "pulumi-elastic-keys";

const config = new pulumi.Config();

// The key someone made by hand (or another stack manages): read on every preview and up, never changed, and never
// invalidated by this stack — not by `pulumi destroy`, not when this line is removed.
const existing = CrossClusterApiKey.get("hand-made", config.require("keyId"));

// A managed key with the same grants, so the remote cluster can be switched over to a key Pulumi rotates.
const managed = new CrossClusterApiKey("managed", {
  access: existing.access,
  expiration: "90d",
  rotateAfter: "30d",
  metadata: { replaces: existing.keyId },
});

export const handMade = { name: existing.name, expiration: existing.expiration, invalidated: existing.invalidated };
export const managedKeyId = managed.keyId;
/** Paste into the remote cluster's keystore (`cluster.remote.<alias>.credentials`). A secret output. */
export const encoded = managed.encoded;
