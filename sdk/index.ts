/**
 * Public API of the sdk: typed clients for Elasticsearch and the Elastic Cloud API, their errors, and the zod
 * schemas that define every body (and the validation building blocks the provider reuses). No Pulumi here.
 */
export { ElasticsearchClient, type ElasticsearchClientOptions } from "./elasticsearch/client";
export { CloudClient, type CloudClientOptions, DEFAULT_CLOUD_ENDPOINT } from "./cloud/client";
export { DeploymentKeystoreClient } from "./cloud/keystore";
export { RemoteClustersClient } from "./elasticsearch/remote-clusters";
export type { ElasticsearchAuth } from "./auth";
export type { ConnectionOptions } from "./http";
export { DEFAULT_TIMEOUTS, type TimeoutOptions } from "./options";
export type { TlsOptions } from "./tls";
export { DEFAULT_RETRY_OPTIONS, RETRYABLE_STATUSES, type RetryOptions } from "./retry";
export { UNKNOWN_ERROR_TYPE } from "./response";
export {
  CloudApiError,
  type CloudApiErrorEntry,
  ElasticClientError,
  ElasticsearchError,
  type ElasticsearchRootCause,
  type ErrorCode,
  ErrorCodes,
  InvalidOptionsError,
  isElasticError,
  OutcomeUnknownError,
  RequestFailedError,
  UnexpectedResponseError,
} from "./errors";
export { SanitizedCause } from "./redact";
export * from "./schemas";
