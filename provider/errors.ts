import { type ElasticClientError, type ElasticsearchError, ErrorCodes, isElasticError } from "../sdk";
import { ConnectionConfigError } from "./credentials";

/** What a provider error is about, so the message can name the resource, the operation and the object. */
export interface FailureContext {
  /** e.g. `CrossClusterApiKey "replication-key"` */
  subject: string;
  /** e.g. `create`, `update`, `refresh`, `delete` */
  operation: string;
}

const API_KEY_AUTH_REFUSED = "authentication via API key not supported";

/** The fix to suggest for a failure, by status and text; one place so every resource says the same thing. */
function advice(err: ElasticClientError): string {
  if (err.code === ErrorCodes.ES_API && (err as ElasticsearchError).reason?.includes(API_KEY_AUTH_REFUSED)) {
    return (
      "Elasticsearch does not let an API key create or update cross-cluster API keys. Authenticate with a user " +
      "instead: stack config elastic:username + elastic:password (or ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD), " +
      "or a bearer token (elastic:bearerToken or ELASTICSEARCH_BEARER_TOKEN), and remove elastic:apiKey/ELASTICSEARCH_API_KEY."
    );
  }
  switch (err.status) {
    case 401:
      return err.code === ErrorCodes.CLOUD_API
        ? "Elastic Cloud rejected the API key: check elastic:cloudApiKey or EC_API_KEY."
        : "Elasticsearch rejected the credentials: check elastic:username/elastic:password, elastic:bearerToken or elastic:apiKey (or their ELASTICSEARCH_* environment variables).";
    case 403:
      return err.code === ErrorCodes.CLOUD_API
        ? "The Elastic Cloud API key lacks the permission for this call; use a key with the organization's admin role."
        : "The configured user lacks a privilege: grant it the manage_security cluster privilege (cross-cluster API keys) or manage_connector (connectors), or use credentials that have it.";
    case 409:
      return "Another change to the same object was in progress; run `pulumi up` again.";
    case 412:
      return "The object changed since it was read (its ETag is stale): run `pulumi refresh` to see the change, then `pulumi up`.";
    default:
      break;
  }
  if (err.status !== undefined && err.status >= 500 && (err.code === ErrorCodes.ES_API || err.code === ErrorCodes.CLOUD_API)) {
    return `${err.code === ErrorCodes.CLOUD_API ? "Elastic Cloud" : "Elasticsearch"} failed to handle the request; check its health and logs, then run \`pulumi up\` again.`;
  }
  switch (err.code) {
    case ErrorCodes.OUTCOME_UNKNOWN:
      return "The request may or may not have been applied; nothing was retried blindly. Run `pulumi refresh` and then `pulumi up` again.";
    case ErrorCodes.REQUEST_FAILED:
      return "Check that the endpoint is reachable from here (elastic:endpoint / ELASTICSEARCH_URL, elastic:cloudEndpoint / EC_ENDPOINT) and run `pulumi up` again.";
    case ErrorCodes.UNEXPECTED_RESPONSE:
      return "The server answered with something this provider does not understand; check that the endpoint is Elasticsearch / the Elastic Cloud API and not a proxy page.";
    case ErrorCodes.INVALID_OPTIONS:
      return "Fix the connection settings named above.";
    default:
      // ES/Cloud refusals not covered above (400, 404, …): their reason says what is wrong with the request.
      return "Fix what the reason above names, then run `pulumi up` again.";
  }
}

/**
 * Rewrites any failure into an Error whose message names the resource, the operation, what went wrong and what to
 * do. The sdk's messages carry no credentials or key material, and neither does anything added here.
 */
export function explainFailure(err: unknown, context: FailureContext): Error {
  const prefix = `${context.subject}: ${context.operation} failed`;
  if (err instanceof ConnectionConfigError) return new Error(`${prefix}: ${err.message}`);
  if (isElasticError(err)) {
    const fix = advice(err);
    return new Error(`${prefix}: ${err.message.replace(/\.$/, "")}${fix ? `. ${fix}` : ""}`);
  }
  if (err instanceof Error) return new Error(`${prefix}: ${err.message}`);
  return new Error(`${prefix}: ${String(err)}`);
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
