import { z } from "zod";
import { certificateIdentitySchema, type ElasticsearchClient, ErrorCodes, isElasticError } from "../../sdk";
import { clusterVersionOf } from "../clusterIdentity";
import { hiddenCharacterProblem } from "../text";
import { UNKNOWN } from "../unknowns";

/**
 * `certificateIdentity` (Elasticsearch 9.3 "strong identity verification"): a Java regular expression the
 * distinguished name of the remote cluster's signing certificate must match in full. Everything about it that is not
 * the input schema's plain shape lives here, so the resource's other files each gain a line or two.
 */

/** Far longer than any real DN pattern; a longer value is a paste gone wrong (a whole PEM, a file). */
export const MAX_CERTIFICATE_IDENTITY_LENGTH = 1024;

/** The version that brought `certificate_identity`; the messages name it. */
export const CERTIFICATE_IDENTITY_SINCE = "9.3";

/**
 * What preview refuses: what Elasticsearch would take but which can never match what was meant (empty: matches no
 * DN; a line break or surrounding space pasted with it; a whole certificate), and patterns Java cannot compile
 * either way (a trailing `\`, unbalanced parentheses). Everything else about the regex is Elasticsearch's to judge:
 * Java's syntax (`(?i)`, possessive quantifiers, `\Q…\E`) is not JavaScript's, so no JavaScript RegExp decides.
 */
export function certificateIdentityProblem(pattern: string): string | undefined {
  if (pattern === "") return "certificateIdentity must not be empty: an empty pattern matches no certificate; remove the input to require none";
  const hidden = hiddenCharacterProblem("certificateIdentity", pattern);
  if (hidden) return hidden;
  if (pattern.trim() !== pattern) return "certificateIdentity has whitespace at its start or end, which the certificate's DN would have to contain too: remove it";
  if (pattern.length > MAX_CERTIFICATE_IDENTITY_LENGTH) {
    return `certificateIdentity is ${pattern.length} characters long (at most ${MAX_CERTIFICATE_IDENTITY_LENGTH}): give a pattern of the DN, such as "CN=remote-.*,OU=search,O=Example", not a certificate`;
  }
  return unbalancedProblem(pattern);
}

/** A trailing lone `\` or unbalanced `(`/`)` outside character classes and `\Q…\E` quotes: Java refuses both. */
function unbalancedProblem(pattern: string): string | undefined {
  let depth = 0;
  let classDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      if (i === pattern.length - 1) return "certificateIdentity ends with a lone backslash: escape it as \\\\ or remove it";
      if (pattern[i + 1] === "Q") {
        const end = pattern.indexOf("\\E", i + 2);
        if (end < 0) return undefined; // quoted up to the end: nothing after it is syntax
        i = end + 1;
        continue;
      }
      i++;
      continue;
    }
    if (c === "[") classDepth++;
    else if (c === "]" && classDepth > 0) classDepth--;
    else if (classDepth > 0) continue;
    else if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return `certificateIdentity has a ")" at position ${i} without its "(": escape it as \\) to match a parenthesis`;
  }
  if (depth > 0) return `certificateIdentity has ${depth} unclosed "(": close it, or escape it as \\( to match a parenthesis`;
  return undefined;
}

/** The input: a string, with the problems above refused at preview (values not known yet pass). */
export const certificateIdentityInputSchema = certificateIdentitySchema.superRefine((pattern, ctx) => {
  if (pattern === UNKNOWN) return;
  const problem = certificateIdentityProblem(pattern);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * The `certificate_identity` to send in an update body: nothing when it did not change (so clusters before 9.3 never
 * see the field unless the program uses it), the new pattern when set or changed, `null` when the input was removed.
 */
export function certificateIdentityUpdate(declared: string | undefined, stored: string | undefined): { certificate_identity?: string | null } {
  if (declared === stored) return {};
  return { certificate_identity: declared ?? null };
}

/** Whether Elasticsearch refused the request because it does not know `certificate_identity` (a cluster before 9.3). */
function isUnknownCertificateIdentity(err: unknown): boolean {
  if (!isElasticError(err, ErrorCodes.ES_API) || err.status !== 400) return false;
  return /unknown field \[certificate_identity\]/.test(err.message);
}

/**
 * For a cluster before 9.3 that refused `certificate_identity`: an error that says which version is needed, which
 * version the cluster runs (when `GET /` answers; it is usually cached already), that nothing was changed, and what
 * to do. `undefined` for any other failure.
 */
export async function olderClusterError(err: unknown, client: ElasticsearchClient, unchanged: string): Promise<Error | undefined> {
  if (!isUnknownCertificateIdentity(err)) return undefined;
  const version = await clusterVersionOf(client);
  const runs = version === undefined ? "this cluster is older" : `this cluster runs Elasticsearch ${version}`;
  // No subject: explainFailure puts the resource in front, as for every other failure.
  return new Error(
    `certificateIdentity needs Elasticsearch ${CERTIFICATE_IDENTITY_SINCE} or later, and ${runs}: it refused the ` +
      `certificate_identity field. ${unchanged} Remove certificateIdentity from the resource's inputs, or upgrade the cluster ` +
      `to ${CERTIFICATE_IDENTITY_SINCE} or later, then run \`pulumi up\` again`,
  );
}
