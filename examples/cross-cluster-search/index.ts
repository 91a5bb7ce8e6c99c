import * as pulumi from "@pulumi/pulumi";
import { CrossClusterApiKey } from "pulumi-elastic-keys";

const config = new pulumi.Config();
const list = (value: string) => value.split(",").map((s) => s.trim()).filter(Boolean);

// The remote (querying) cluster may search these indices and follow the replicated ones. Document- or field-level
// security is not allowed on a key that also grants replication (Elasticsearch 8.14+).
const key = new CrossClusterApiKey("remote-cluster", {
  name: `remote-cluster-${pulumi.getStack()}`,
  access: {
    search: [{ names: list(config.get("searchIndices") ?? "logs-*,metrics-*") }],
    replication: [{ names: list(config.get("replicatedIndices") ?? "archive-*") }],
  },
  expiration: "90d",
  rotateAfter: "30d",
  // Rotation makes a new key after 30 days, at the first `pulumi up` from then on. If no `up` runs for long, preview
  // and up start warning 21 days before the key expires (naming it, its id and the date). "0" turns this off.
  expiryWarning: config.get("expiryWarning") ?? "21d",
  metadata: { purpose: "cross-cluster search and replication", stack: pulumi.getStack() },
  // Elasticsearch 9.3+ on both clusters: only a remote cluster whose signing certificate's DN matches this Java regex
  // (e.g. `pulumi config set certificateIdentity "CN=remote-.*,OU=search,O=Example"`) may use the key. Unset, the
  // field is never sent, so older clusters keep working.
  certificateIdentity: config.get("certificateIdentity"),
});

export const keyId = key.keyId;
export const expiresAt = key.expiration;
/** The DN pattern the remote cluster's signing certificate must match, if one is set. */
export const certificateIdentity = key.certificateIdentity;
/** Paste into the remote cluster's keystore as `cluster.remote.<alias>.credentials`. A secret output. */
export const encoded = key.encoded;
