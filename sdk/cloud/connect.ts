import { cloudAuthorization } from "../auth";
import { InvalidOptionsError } from "../errors";
import { type ConnectionOptions, HttpClient } from "../http";

/** The public Elastic Cloud API. */
export const DEFAULT_CLOUD_ENDPOINT = "https://api.elastic-cloud.com";

/** Options of the Elastic Cloud clients. */
export interface CloudClientOptions extends ConnectionOptions {
  /** Base URL of the Cloud API, without `/api/v1`. Default {@link DEFAULT_CLOUD_ENDPOINT}. */
  endpoint?: string;
  /** An Elastic Cloud API key, sent as `Authorization: ApiKey <key>`. */
  apiKey: string;
}

/** The HTTP client every Elastic Cloud client sends through. Validates the options (throws {@link InvalidOptionsError}). */
export function cloudHttpClient(options: CloudClientOptions): HttpClient {
  if (typeof options !== "object" || options === null)
    throw new InvalidOptionsError("options", "are required", "Pass { apiKey, endpoint? }");
  return new HttpClient({
    ...options,
    endpoints: [options.endpoint ?? DEFAULT_CLOUD_ENDPOINT],
    endpointsOption: "endpoint",
    authorization: cloudAuthorization(options.apiKey),
  });
}
