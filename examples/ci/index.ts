import { CrossClusterApiKey } from "pulumi-elastic-keys";

// Reviewed in pull requests as a `pulumi preview` diff; applied by `pulumi up` on the main branch.
const key = new CrossClusterApiKey("reporting", {
  access: { search: [{ names: ["reports-*"] }] },
  expiration: "60d",
  rotateAfter: "30d",
  metadata: { owner: "platform", managedBy: "ci" },
});

export const keyId = key.keyId;
export const encoded = key.encoded; // secret already: shown as [secret] in the PR comment
