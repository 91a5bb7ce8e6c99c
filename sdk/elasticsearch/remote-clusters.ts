/**
 * Typed client for a local cluster's remote cluster configuration:
 *
 * | method                | request                                      | idempotent |
 * | --------------------- | -------------------------------------------- | ---------- |
 * | `getClusterSettings`  | `GET /_cluster/settings?flat_settings=true`  | yes        |
 * | `putClusterSettings`  | `PUT /_cluster/settings?flat_settings=true`  | yes        |
 * | `remoteInfo`          | `GET /_remote/info`                          | yes        |
 *
 * Settings always travel in the flat form (`cluster.remote.<alias>.mode`). Errors are {@link ElasticsearchError}s.
 */
import { elasticsearchAuthorization } from "../auth";
import { InvalidOptionsError } from "../errors";
import { HttpClient, type HttpRequest } from "../http";
import { ensureSuccess, parseBody } from "../response";
import {
  type ClusterSettings,
  clusterSettingsSchema,
  type PutClusterSettingsRequest,
  type PutClusterSettingsResponse,
  putClusterSettingsResponseSchema,
  type RemoteInfoResponse,
  remoteInfoResponseSchema,
} from "../schemas";
import type { z } from "zod";
import type { ElasticsearchClientOptions } from "./client";

/** Client for one cluster's settings and remote info. Holds keep-alive connections: share it, `close()` it when done. */
export class RemoteClustersClient {
  readonly #http: HttpClient;

  /** Validates the options (throws {@link InvalidOptionsError}); opens no connection yet. */
  constructor(options: ElasticsearchClientOptions) {
    if (typeof options !== "object" || options === null)
      throw new InvalidOptionsError("options", "are required", "Pass { endpoints, auth }");
    this.#http = new HttpClient({ ...options, endpointsOption: "endpoints", authorization: elasticsearchAuthorization(options.auth) });
  }

  /** Persistent and transient settings that are set (defaults left out), flat. */
  async getClusterSettings(): Promise<ClusterSettings> {
    return this.#json({ method: "GET", path: "/_cluster/settings", query: { flat_settings: true } }, clusterSettingsSchema);
  }

  /** Applies settings (`null` resets one); the answer lists those applied. Idempotent. */
  async putClusterSettings(body: PutClusterSettingsRequest): Promise<PutClusterSettingsResponse> {
    return this.#json({ method: "PUT", path: "/_cluster/settings", query: { flat_settings: true }, body }, putClusterSettingsResponseSchema);
  }

  /** Every configured remote cluster alias with its connection state. */
  async remoteInfo(): Promise<RemoteInfoResponse> {
    return this.#json({ method: "GET", path: "/_remote/info" }, remoteInfoResponseSchema);
  }

  /** Closes the connections (waiting for requests in flight). */
  close(): Promise<void> {
    return this.#http.close();
  }

  async #json<S extends z.ZodType>(req: HttpRequest, schema: S): Promise<z.infer<S>> {
    return parseBody(ensureSuccess("elasticsearch", await this.#http.send(req)), schema);
  }
}
