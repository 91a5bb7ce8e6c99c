import { type ElasticClientError, type ElasticsearchError, ErrorCodes, isElasticError } from "../sdk";
import { settingsUsedBy } from "./clients";
import { stripStop } from "./text";
import { apiKeyRefusedAdvice, ConnectionConfigError, type UsedSettings } from "./credentials";

/** What a provider error is about, so the message can name the resource, the operation and the object. */
export interface FailureContext {
  /** e.g. `CrossClusterApiKey "replication-key"` */
  subject: string;
  /** e.g. `create`, `update`, `refresh`, `delete` */
  operation: string;
}

const API_KEY_AUTH_REFUSED = "authentication via API key not supported";

/** The command to run again after a failed operation: a failed destroy is not fixed by `pulumi up`. */
function rerun(operation: string): string {
  if (operation.startsWith("refresh")) return "`pulumi refresh`";
  if (operation.startsWith("delete")) return "`pulumi destroy` (or the `pulumi up` that removed the resource)";
  return "`pulumi up`";
}

/**
 * Why a refresh or delete may be refused with credentials that `pulumi up` would use: the real CLI configures
 * refresh and destroy with the stack config saved at the last `up` (see the README's credentials section).
 */
function staleConfigNote(operation: string, used: UsedSettings | undefined): string {
  if (!operation.startsWith("refresh") && !operation.startsWith("delete")) return "";
  if (used && !used.credential.includes("elastic:")) return "";
  return (
    " `pulumi refresh` and `pulumi destroy` use the stack config saved by the last `pulumi up`, not the current one: " +
    "after changing elastic:* settings run `pulumi up` first, or `pulumi refresh --run-program` / `pulumi destroy --run-program`; " +
    "ELASTICSEARCH_*/EC_* variables apply only to settings the stack config does not hold."
  );
}

/** The fix to suggest for a failure, by status and text, naming the setting used; one place so every resource says the same thing. */
function advice(err: ElasticClientError, operation: string, used: UsedSettings | undefined): string {
  const again = rerun(operation);
  if (err.code === ErrorCodes.ES_API && (err as ElasticsearchError).reason?.includes(API_KEY_AUTH_REFUSED))
    return apiKeyRefusedAdvice(used?.credential ?? "elastic:apiKey");
  const cloud = err.code === ErrorCodes.CLOUD_API;
  switch (err.status) {
    case 401:
      return (
        (cloud
          ? `Elastic Cloud rejected the API key from ${used?.credential ?? "elastic:cloudApiKey or EC_API_KEY"}: check it.`
          : `Elasticsearch rejected the credentials from ${used?.credential ?? "elastic:username/elastic:password, elastic:bearerToken or elastic:apiKey"}: check them.`) +
        staleConfigNote(operation, used)
      );
    case 403:
      return (
        (cloud
          ? `The Elastic Cloud API key (${used?.credential ?? "elastic:cloudApiKey"}) lacks the permission for this call; use a key with the organization's admin role.`
          : `The credentials from ${used?.credential ?? "the connection settings"} lack a privilege: grant manage_security (cross-cluster API keys) or manage_connector (connectors), or use credentials that have it.`) +
        staleConfigNote(operation, used)
      );
    case 409:
      return `Another change to the same object was in progress; run ${again} again.`;
    case 412:
      return "The object changed since it was read (its ETag is stale): run `pulumi refresh` to see the change, then `pulumi up`.";
    default:
      break;
  }
  if (err.status !== undefined && err.status >= 500 && (err.code === ErrorCodes.ES_API || cloud)) {
    return `${cloud ? "Elastic Cloud" : "Elasticsearch"} failed to handle the request; check its health and logs, then run ${again} again.`;
  }
  switch (err.code) {
    case ErrorCodes.OUTCOME_UNKNOWN:
      return `The request may or may not have been applied; nothing was retried blindly. Run \`pulumi refresh\`, then ${again} again.`;
    case ErrorCodes.REQUEST_FAILED:
      if (err.message.includes("need https://")) return `Write the URL with https:// in ${used?.endpoints ?? "the endpoint setting"}.`;
      return `Check that the endpoint (${used?.endpoints ?? "elastic:endpoint / ELASTICSEARCH_URL, elastic:cloudEndpoint / EC_ENDPOINT"}) is reachable from here, then run ${again} again.`;
    case ErrorCodes.UNEXPECTED_RESPONSE:
      return "The server answered with something this provider does not understand; check that the endpoint is Elasticsearch / the Elastic Cloud API and not a proxy page.";
    case ErrorCodes.INVALID_OPTIONS:
      return "Fix the connection settings named above.";
    default:
      // ES/Cloud refusals not covered above (400, 404, …): their reason says what is wrong with the request.
      return `Fix what the reason above names, then run ${again} again.`;
  }
}

/**
 * Rewrites any failure into an Error whose message says what went wrong and what to do. It does not repeat the
 * resource or the bare operation (the CLI prints the resource above the message and the engine names the step),
 * only what they do not tell: which key, connector or cluster (`context.subject`) and which part of the operation.
 * The message ends without a full stop, so a caller can append `. Another sentence`. The sdk's messages carry no
 * credentials or key material, and neither does anything added here.
 */
export function explainFailure(err: unknown, context: FailureContext): Error {
  // "update (rebind)" → "rebind failed: "; a bare "create" adds nothing the engine does not say.
  const detail = context.operation.replace(/^(create|update|refresh|delete)\b\s*/, "").replace(/^\(([^)]*)\)/, "$1");
  const what = (text: string) => `${context.subject}: ${detail ? `${detail} failed: ` : ""}${stripStop(text)}`;
  if (err instanceof ConnectionConfigError) return new Error(what(err.message));
  if (isElasticError(err)) return new Error(what(`${stripStop(err.message)}. ${advice(err, context.operation, settingsUsedBy(err))}`));
  if (err instanceof Error) return new Error(what(err.message));
  return new Error(what(String(err)));
}

/**
 * Thrown from create/update when the object exists remotely but a later step failed: the host turns an error that
 * carries `id` into ErrorResourceInitFailed, and the engine keeps the resource (and its key) in state instead of
 * orphaning it. The host does not add `__provider` to these properties, so callers must (see the notes).
 */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[] = [message],
  ) {
    super(message);
  }
}
