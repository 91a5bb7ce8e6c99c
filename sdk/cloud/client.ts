/**
 * Typed client for the Elastic Cloud "Cloud Connected" cluster API (`/api/v1/cloud-connected/clusters/{id}`):
 *
 * | method                         | request                                         | idempotent |
 * | ------------------------------ | ----------------------------------------------- | ---------- |
 * | `getCluster`                   | `GET …/clusters/{id}`                           | yes        |
 * | `rotateClusterApiKey`          | `POST …/clusters/{id}/apikey/_rotate`           | **no**     |
 * | `revokePendingClusterApiKeys`  | `POST …/clusters/{id}/apikey/_revoke-pending`   | yes        |
 * | `rotateServiceApiKey`          | `POST …/clusters/{id}/apikey/{service}/_rotate` | **no**     |
 * | `revokePendingServiceApiKeys`  | `POST …/clusters/{id}/apikey/{service}/_revoke-pending` | yes |
 *
 * Every non-2xx answer becomes a {@link CloudApiError}, whatever its body — except a 404 that is not Elastic Cloud's
 * own (an `UnexpectedResponseError`: a proxy's page says nothing about the cluster).
 */
import type { z } from "zod";
import { InvalidOptionsError } from "../errors";
import { type HttpClient, type HttpRequest, urlPath } from "../http";
import { ensureSuccess, parseBody, parseOrMissing } from "../response";
import {
  type CloudConnectedCluster,
  cloudConnectedClusterSchema,
  type CloudConnectedService,
  cloudConnectedServiceSchema,
  clusterIdSchema,
  type RotateClusterApiKeyResponse,
  rotateClusterApiKeyResponseSchema,
} from "../schemas";
import { type CloudClientOptions, cloudHttpClient } from "./connect";

export { type CloudClientOptions, DEFAULT_CLOUD_ENDPOINT } from "./connect";
const API_PREFIX = "/api/v1";

/** Client for the Elastic Cloud API. Holds keep-alive connections: share it, and `close()` it when done. */
export class CloudClient {
  readonly #http: HttpClient;

  /** Validates the options (throws {@link InvalidOptionsError}); opens no connection yet. */
  constructor(options: CloudClientOptions) {
    this.#http = cloudHttpClient(options);
  }

  /**
   * A Cloud Connected cluster and its `ETag` (for {@link rotateClusterApiKey}'s `ifMatch`), or `undefined` when
   * Elastic Cloud says it does not exist (a 404 with its `errors` envelope; any other 404 throws).
   */
  async getCluster(id: string): Promise<{ cluster: CloudConnectedCluster; etag?: string } | undefined> {
    const res = await this.#http.send({ method: "GET", path: clusterPath(id) });
    const cluster = parseOrMissing("cloud", res, cloudConnectedClusterSchema);
    if (cluster === undefined) return undefined;
    const etag = res.headers.etag;
    return typeof etag === "string" ? { cluster, etag } : { cluster };
  }

  /**
   * Issues a new cluster API key; the previous one stays valid ("pending") for 7 days or until revoked. Not
   * idempotent: never retried after it may have been processed ({@link OutcomeUnknownError}). With `ifMatch`
   * (an ETag from {@link getCluster}), a cluster changed meanwhile answers 412 → {@link CloudApiError} status 412.
   * The returned `key` is a secret.
   */
  async rotateClusterApiKey(id: string, opts: { ifMatch?: string } = {}): Promise<RotateClusterApiKeyResponse> {
    return this.#rotate(`${clusterPath(id)}/apikey`, opts);
  }

  /** Revokes every pending (previously rotated) key now. Idempotent, so retried like a GET. */
  async revokePendingClusterApiKeys(id: string): Promise<void> {
    await this.#revokePending(`${clusterPath(id)}/apikey`);
  }

  /**
   * Issues a new key for one Cloud Connected service of the cluster (`service`: one of
   * {@link cloudConnectedServiceSchema}); the service's previous key stays valid ("pending") for 7 days or until
   * revoked. The cluster's own key is untouched, but the cluster's ETag changes like on any rotation. Not
   * idempotent, `ifMatch` and errors as {@link rotateClusterApiKey}. The returned `key` is a secret.
   */
  async rotateServiceApiKey(id: string, service: CloudConnectedService, opts: { ifMatch?: string } = {}): Promise<RotateClusterApiKeyResponse> {
    return this.#rotate(servicePath(id, service), opts);
  }

  /** Revokes the service's pending (previously rotated) keys now; the cluster's own keys are untouched. Idempotent. */
  async revokePendingServiceApiKeys(id: string, service: CloudConnectedService): Promise<void> {
    await this.#revokePending(servicePath(id, service));
  }

  /** Closes the connections (waiting for requests in flight). */
  close(): Promise<void> {
    return this.#http.close();
  }

  async #rotate(keyPath: string, opts: { ifMatch?: string }): Promise<RotateClusterApiKeyResponse> {
    const headers = opts.ifMatch !== undefined ? { "if-match": ifMatch(opts.ifMatch) } : undefined;
    return this.#json({ method: "POST", path: `${keyPath}/_rotate`, idempotent: false, ...(headers ? { headers } : {}) }, rotateClusterApiKeyResponseSchema);
  }

  async #revokePending(keyPath: string): Promise<void> {
    // 200 with an empty body: nothing to parse.
    ensureSuccess("cloud", await this.#http.send({ method: "POST", path: `${keyPath}/_revoke-pending`, idempotent: true }));
  }

  async #json<S extends z.ZodType>(req: HttpRequest, schema: S): Promise<z.infer<S>> {
    return parseBody(ensureSuccess("cloud", await this.#http.send(req)), schema);
  }
}

/** Validates the cluster id (before any I/O) and builds its path. */
function clusterPath(id: string): string {
  const parsed = clusterIdSchema.safeParse(id);
  if (!parsed.success)
    throw new InvalidOptionsError("id", "must be 32 lowercase letters or digits", "Copy the cluster id from the Elastic Cloud console");
  return API_PREFIX + urlPath`/cloud-connected/clusters/${parsed.data}`;
}

/** Validates the service (before any I/O) and builds its key's path. */
function servicePath(id: string, service: CloudConnectedService): string {
  const parsed = cloudConnectedServiceSchema.safeParse(service);
  if (!parsed.success)
    throw new InvalidOptionsError("service", `must be one of ${cloudConnectedServiceSchema.options.join(", ")}`, "Pass a service Elastic Cloud names");
  return `${clusterPath(id)}${urlPath`/apikey/${parsed.data}`}`;
}

function ifMatch(value: unknown): string {
  if (typeof value !== "string" || value === "" || /[\r\n]/.test(value))
    throw new InvalidOptionsError("ifMatch", "must be the ETag returned by getCluster", "Pass getCluster(id).etag unchanged");
  return value;
}
