/**
 * Typed client for the Elasticsearch keystore of an Elastic Cloud hosted deployment:
 *
 * | method           | request                                                         | idempotent |
 * | ---------------- | --------------------------------------------------------------- | ---------- |
 * | `getKeystore`    | `GET /api/v1/deployments/{id}/elasticsearch/{ref_id}/keystore`   | yes        |
 * | `updateKeystore` | `PATCH /api/v1/deployments/{id}/elasticsearch/{ref_id}/keystore` | yes        |
 *
 * Keystore values are write-only: the API answers with entry names and `as_file` only. Every non-2xx answer becomes
 * a {@link CloudApiError} (404 codes: `deployments.deployment_not_found`, `deployments.deployment_resource_not_found`).
 */
import { InvalidOptionsError } from "../errors";
import { type HttpClient, urlPath } from "../http";
import { ensureSuccess, parseBody } from "../response";
import { deploymentIdSchema, type KeystoreContents, keystoreContentsSchema, type UpdateKeystoreRequest } from "../schemas";
import { type CloudClientOptions, cloudHttpClient } from "./connect";

/** Client for deployment keystores. Holds keep-alive connections: share it, and `close()` it when done. */
export class DeploymentKeystoreClient {
  readonly #http: HttpClient;

  /** Validates the options (throws {@link InvalidOptionsError}); opens no connection yet. */
  constructor(options: CloudClientOptions) {
    this.#http = cloudHttpClient(options);
  }

  /** The keystore's entry names (values redacted), or `undefined` when the deployment or resource does not exist. */
  async getKeystore(deploymentId: string, refId: string): Promise<KeystoreContents | undefined> {
    const res = await this.#http.send({ method: "GET", path: keystorePath(deploymentId, refId) });
    if (res.status === 404) return undefined;
    return parseBody(ensureSuccess("cloud", res), keystoreContentsSchema);
  }

  /**
   * Adds or replaces the named entries and removes those set to `null`; other entries stay. Idempotent (the same
   * body twice leaves the same keystore), so retried like a GET. The values are hidden from any error.
   */
  async updateKeystore(deploymentId: string, refId: string, body: UpdateKeystoreRequest): Promise<KeystoreContents> {
    const secrets = Object.values(body.secrets).flatMap((s) => (s === null ? [] : [typeof s.value === "string" ? s.value : JSON.stringify(s.value)]));
    const res = await this.#http.send({ method: "PATCH", path: keystorePath(deploymentId, refId), body, idempotent: true, secrets });
    return parseBody(ensureSuccess("cloud", res), keystoreContentsSchema);
  }

  /** Closes the connections (waiting for requests in flight). */
  close(): Promise<void> {
    return this.#http.close();
  }
}

function keystorePath(deploymentId: string, refId: string): string {
  if (!deploymentIdSchema.safeParse(deploymentId).success)
    throw new InvalidOptionsError("deploymentId", "must be 32 lowercase hexadecimal characters", "Copy the deployment id from the Elastic Cloud console");
  if (typeof refId !== "string" || refId === "")
    throw new InvalidOptionsError("refId", "must be a non-empty string", 'Pass the Elasticsearch resource\'s ref id, e.g. "main-elasticsearch"');
  return `/api/v1${urlPath`/deployments/${deploymentId}/elasticsearch/${refId}/keystore`}`;
}
