/**
 * Typed client for the Elasticsearch endpoints this project uses:
 *
 * | method                        | request                                        | idempotent |
 * | ----------------------------- | ---------------------------------------------- | ---------- |
 * | `info`                        | `GET /`                                        | yes        |
 * | `createCrossClusterApiKey`    | `POST /_security/cross_cluster/api_key`        | **no**     |
 * | `updateCrossClusterApiKey`    | `PUT /_security/cross_cluster/api_key/{id}`    | yes        |
 * | `getApiKey`                   | `GET /_security/api_key?id=`                   | yes        |
 * | `getApiKeysByName`            | `GET /_security/api_key?name=[&active_only]`   | yes        |
 * | `queryApiKeys`                | `POST /_security/_query/api_key`               | yes        |
 * | `invalidateApiKeys`           | `DELETE /_security/api_key`                    | yes        |
 * | `createApiKey`                | `POST /_security/api_key`                      | **no**     |
 * | `updateApiKey`                | `PUT /_security/api_key/{id}`                  | yes        |
 * | `getConnector`                | `GET /_connector/{id}`                         | yes        |
 * | `createConnector`             | `PUT /_connector/{id}`                         | yes        |
 * | `updateConnectorApiKeyId`     | `PUT /_connector/{id}/_api_key_id`             | yes        |
 * | `createConnectorSecret`       | `POST /_connector/_secret`                     | **no**     |
 * | `getConnectorSecret`          | `GET /_connector/_secret/{id}`                 | yes        |
 * | `deleteConnectorSecret`       | `DELETE /_connector/_secret/{id}`              | yes        |
 *
 * Request bodies are typed by the schemas in `sdk/schemas` but not validated here: Elasticsearch is the authority,
 * and its errors come back as {@link ElasticsearchError}. Validate user input early with the exported schemas.
 */
import type { z } from "zod";
import { elasticsearchAuthorization, type ElasticsearchAuth } from "../auth";
import { InvalidOptionsError } from "../errors";
import { type ConnectionOptions, HttpClient, type HttpRequest, urlPath } from "../http";
import { elasticsearchError, ensureSuccess, parseBody, parseOrMissing } from "../response";
import {
  type ApiKeyInfo,
  type ClusterInfo,
  clusterInfoSchema,
  type Connector,
  connectorSchema,
  connectorSecretSchema,
  type ConnectorSecret,
  type CreateApiKeyRequest,
  type CreateApiKeyResponse,
  createApiKeyResponseSchema,
  type CreateConnectorRequest,
  type CreateConnectorResponse,
  createConnectorResponseSchema,
  type CreateConnectorSecretResponse,
  createConnectorSecretResponseSchema,
  type CreateCrossClusterApiKeyRequest,
  type CreateCrossClusterApiKeyResponse,
  createCrossClusterApiKeyResponseSchema,
  deleteConnectorSecretResponseSchema,
  getApiKeysResponseSchema,
  type InvalidateApiKeysResponse,
  invalidateApiKeysResponseSchema,
  type QueryApiKeysRequest,
  type QueryApiKeysResponse,
  queryApiKeysResponseSchema,
  type UpdateApiKeyRequest,
  type UpdateApiKeyResponse,
  updateApiKeyResponseSchema,
  type UpdateConnectorApiKeyIdRequest,
  type UpdateConnectorApiKeyIdResponse,
  updateConnectorApiKeyIdResponseSchema,
  type UpdateCrossClusterApiKeyRequest,
  type UpdateCrossClusterApiKeyResponse,
  updateCrossClusterApiKeyResponseSchema,
} from "../schemas";

/** Options of {@link ElasticsearchClient}. */
export interface ElasticsearchClientOptions extends ConnectionOptions {
  /**
   * Base URLs of the cluster (`https://host:9200`, optionally with a path prefix). The first that accepts a
   * connection is used; the next ones only when it cannot be reached.
   */
  endpoints: string[];
  /** Credentials. Creating or updating cross-cluster API keys needs `basic` or `bearer`: Elasticsearch refuses API keys. */
  auth: ElasticsearchAuth;
}

/** Client for one Elasticsearch cluster. Holds keep-alive connections: share it, and `close()` it when done. */
export class ElasticsearchClient {
  readonly #http: HttpClient;

  /** Validates the options (throws {@link InvalidOptionsError}); opens no connection yet. */
  constructor(options: ElasticsearchClientOptions) {
    if (typeof options !== "object" || options === null)
      throw new InvalidOptionsError("options", "are required", "Pass { endpoints, auth }");
    this.#http = new HttpClient({
      ...options,
      endpointsOption: "endpoints",
      authorization: elasticsearchAuthorization(options.auth),
    });
  }

  /** `GET /`: name, cluster name and uuid, version. */
  async info(): Promise<ClusterInfo> {
    return this.#json({ method: "GET", path: "/" }, clusterInfoSchema);
  }

  /**
   * Creates a cross-cluster API key. Not idempotent: every call creates a key; a failure after the request may
   * have been processed throws {@link OutcomeUnknownError} and is never retried. The response holds the secret
   * (`api_key`, `encoded`).
   */
  async createCrossClusterApiKey(body: CreateCrossClusterApiKeyRequest): Promise<CreateCrossClusterApiKeyResponse> {
    return this.#json(
      { method: "POST", path: "/_security/cross_cluster/api_key", body, idempotent: false },
      createCrossClusterApiKeyResponseSchema,
    );
  }

  /** Updates access, metadata and/or expiration of a cross-cluster API key; `updated: false` when nothing changed. */
  async updateCrossClusterApiKey(id: string, body: UpdateCrossClusterApiKeyRequest): Promise<UpdateCrossClusterApiKeyResponse> {
    return this.#json(
      { method: "PUT", path: urlPath`/_security/cross_cluster/api_key/${required(id, "id")}`, body },
      updateCrossClusterApiKeyResponseSchema,
    );
  }

  /** One API key by id (invalidated and expired ones included), or `undefined` when there is none. */
  async getApiKey(id: string): Promise<ApiKeyInfo | undefined> {
    // An empty id would make Elasticsearch list every key: refuse it before any I/O.
    const { api_keys } = await this.#json(
      { method: "GET", path: "/_security/api_key", query: { id: required(id, "id") } },
      getApiKeysResponseSchema,
    );
    return api_keys.find((k) => k.id === id);
  }

  /**
   * API keys with this name (names are not unique). As in Elasticsearch, a trailing `*` matches by prefix.
   * `activeOnly` leaves out invalidated and expired keys.
   */
  async getApiKeysByName(name: string, opts: { activeOnly?: boolean } = {}): Promise<ApiKeyInfo[]> {
    const { api_keys } = await this.#json(
      {
        method: "GET",
        path: "/_security/api_key",
        query: { name: required(name, "name"), active_only: opts.activeOnly ? true : undefined },
      },
      getApiKeysResponseSchema,
    );
    return api_keys;
  }

  /** Query DSL search over API keys, e.g. `{ query: { term: { type: "cross_cluster" } } }`. */
  async queryApiKeys(body: QueryApiKeysRequest = {}): Promise<QueryApiKeysResponse> {
    // A search: POST only because it carries a body, so repeating it is harmless.
    return this.#json({ method: "POST", path: "/_security/_query/api_key", body, idempotent: true }, queryApiKeysResponseSchema);
  }

  /**
   * Invalidates API keys by id. Missing and already invalidated keys are not errors. A 200 with
   * `error_count > 0` (e.g. missing `manage_security` for a cross-cluster key) is NOT a success: it throws an
   * {@link ElasticsearchError} with status 200 and the first `error_details` entry's type and reason.
   */
  async invalidateApiKeys(ids: string[]): Promise<InvalidateApiKeysResponse> {
    const res = ensureSuccess("elasticsearch", await this.#http.send({ method: "DELETE", path: "/_security/api_key", body: { ids } }));
    const body = parseBody(res, invalidateApiKeysResponseSchema);
    if (body.error_count > 0) {
      const [first, ...rest] = body.error_details ?? [];
      throw elasticsearchError(res, {
        type: first?.type ?? "invalidation_failed",
        reason: first?.reason ?? `${body.error_count} API key(s) could not be invalidated`,
        root_cause: first ? [first, ...rest] : [],
      });
    }
    return body;
  }

  /** Creates a REST API key (e.g. for a connector). Not idempotent, like {@link createCrossClusterApiKey}. */
  async createApiKey(body: CreateApiKeyRequest): Promise<CreateApiKeyResponse> {
    return this.#json({ method: "POST", path: "/_security/api_key", body, idempotent: false }, createApiKeyResponseSchema);
  }

  /** Updates a REST API key the caller owns (metadata, role descriptors, expiration); `updated: false` when nothing changed. */
  async updateApiKey(id: string, body: UpdateApiKeyRequest): Promise<UpdateApiKeyResponse> {
    return this.#json({ method: "PUT", path: urlPath`/_security/api_key/${required(id, "id")}`, body }, updateApiKeyResponseSchema);
  }

  /** A connector, or `undefined` when Elasticsearch says it does not exist (a 404 with its error envelope; any other 404 throws). */
  async getConnector(id: string): Promise<Connector | undefined> {
    return this.#jsonOrMissing({ method: "GET", path: urlPath`/_connector/${required(id, "connectorId")}` }, connectorSchema);
  }

  /** Creates or updates a connector (`PUT /_connector/{id}`); for tests and examples. */
  async createConnector(id: string, body: CreateConnectorRequest): Promise<CreateConnectorResponse> {
    return this.#json({ method: "PUT", path: urlPath`/_connector/${required(id, "connectorId")}`, body }, createConnectorResponseSchema);
  }

  /**
   * Sets a connector's `api_key_id` / `api_key_secret_id`. `null` leaves a field unchanged (Elasticsearch writes
   * only non-null fields), so unbinding means writing `""`. `noop` when nothing changed.
   */
  async updateConnectorApiKeyId(connectorId: string, body: UpdateConnectorApiKeyIdRequest): Promise<UpdateConnectorApiKeyIdResponse> {
    return this.#json(
      { method: "PUT", path: urlPath`/_connector/${required(connectorId, "connectorId")}/_api_key_id`, body },
      updateConnectorApiKeyIdResponseSchema,
    );
  }

  /** Stores a connector secret and returns its id. Not idempotent. `value` never appears in errors. */
  async createConnectorSecret(body: { value: string }): Promise<CreateConnectorSecretResponse> {
    return this.#json(
      { method: "POST", path: "/_connector/_secret", body, idempotent: false, secrets: [body.value] },
      createConnectorSecretResponseSchema,
    );
  }

  /** A connector secret (`value` is secret), or `undefined` when it does not exist. */
  async getConnectorSecret(id: string): Promise<ConnectorSecret | undefined> {
    return this.#jsonOrMissing({ method: "GET", path: urlPath`/_connector/_secret/${required(id, "id")}` }, connectorSecretSchema);
  }

  /** Deletes a connector secret: `true` when deleted, `false` when it was missing. */
  async deleteConnectorSecret(id: string): Promise<boolean> {
    const res = await this.#jsonOrMissing(
      { method: "DELETE", path: urlPath`/_connector/_secret/${required(id, "id")}` },
      deleteConnectorSecretResponseSchema,
    );
    return res?.deleted ?? false;
  }

  /** Closes the connections (waiting for requests in flight). */
  close(): Promise<void> {
    return this.#http.close();
  }

  async #json<S extends z.ZodType>(req: HttpRequest, schema: S): Promise<z.infer<S>> {
    return parseBody(ensureSuccess("elasticsearch", await this.#http.send(req)), schema);
  }

  async #jsonOrMissing<S extends z.ZodType>(req: HttpRequest, schema: S): Promise<z.infer<S> | undefined> {
    return parseOrMissing("elasticsearch", await this.#http.send(req), schema);
  }
}

/** A path or query argument that must be a non-empty string, checked before any I/O. */
function required(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "")
    throw new InvalidOptionsError(name, "must be a non-empty string", `Pass the ${name} of an existing object`);
  return value;
}
