/**
 * Builds `Authorization` headers from credentials, after checking them (before any I/O), and lists the strings
 * that must never appear in an error (see {@link Redactor}).
 */
import { InvalidOptionsError } from "./errors";
import { hasControlChars } from "./options";

/** Credentials for Elasticsearch. Cross-cluster API keys cannot be created with `apiKey` auth (Elasticsearch refuses). */
export type ElasticsearchAuth =
  /** `Authorization: ApiKey <encoded>`; `encoded` is base64(`id:api_key`), the `encoded` field of a create response. */
  | { type: "apiKey"; encoded: string }
  | { type: "basic"; username: string; password: string }
  | { type: "bearer"; token: string };

/** An `Authorization` header value and the secrets it is made of. */
export interface Authorization {
  header: string;
  secrets: string[];
}

/** `Authorization` for Elasticsearch. */
export function elasticsearchAuthorization(auth: ElasticsearchAuth): Authorization {
  if (typeof auth !== "object" || auth === null)
    throw new InvalidOptionsError("auth", "is required", 'Pass { type: "basic", username, password }, { type: "bearer", token } or { type: "apiKey", encoded }');
  switch (auth.type) {
    case "apiKey": {
      const encoded = token(auth.encoded, "auth.encoded", "ApiKey");
      if (encoded.includes(":"))
        throw new InvalidOptionsError(
          "auth.encoded",
          'looks like "id:api_key" rather than its base64 encoding',
          "Pass the `encoded` field of the create API key response, or base64(id + \":\" + api_key)",
        );
      const decoded = Buffer.from(encoded, "base64").toString("utf8");
      const apiKeyPart = decoded.includes(":") ? decoded.slice(decoded.indexOf(":") + 1) : undefined;
      return { header: `ApiKey ${encoded}`, secrets: [encoded, decoded, ...(apiKeyPart ? [apiKeyPart] : [])] };
    }
    case "basic": {
      const { username, password } = auth;
      if (typeof username !== "string" || username === "" || hasControlChars(username) || username.includes(":"))
        throw new InvalidOptionsError("auth.username", "must be a non-empty string without ':' or control characters", "Give the Elasticsearch user name");
      if (typeof password !== "string" || password === "" || hasControlChars(password))
        throw new InvalidOptionsError("auth.password", "must be a non-empty string without control characters", "Give the user's password");
      const encoded = Buffer.from(`${username}:${password}`, "utf8").toString("base64");
      return { header: `Basic ${encoded}`, secrets: [password, encoded] };
    }
    case "bearer": {
      const t = token(auth.token, "auth.token", "Bearer");
      return { header: `Bearer ${t}`, secrets: [t] };
    }
    default:
      throw new InvalidOptionsError("auth.type", 'must be "apiKey", "basic" or "bearer"', "Choose one of the three credential kinds");
  }
}

/** `Authorization` for the Elastic Cloud API: `ApiKey <key>`. */
export function cloudAuthorization(apiKey: unknown): Authorization {
  const key = token(apiKey, "apiKey", "ApiKey");
  return { header: `ApiKey ${key}`, secrets: [key] };
}

/** Checks a single-token credential; the message names the option but never shows the value. */
function token(value: unknown, option: string, scheme: string): string {
  if (typeof value !== "string" || value.trim() === "")
    throw new InvalidOptionsError(option, "must be a non-empty string", "Set the credential (is the environment variable empty?)");
  if (value.toLowerCase().startsWith(`${scheme.toLowerCase()} `))
    throw new InvalidOptionsError(option, `must not include the "${scheme} " scheme`, `Pass only the value after "${scheme} "`);
  if (/\s/.test(value) || hasControlChars(value))
    throw new InvalidOptionsError(option, "must not contain whitespace or control characters", "Remove spaces and line breaks (e.g. a trailing newline from a file)");
  return value;
}
