/**
 * Elastic Cloud hosted deployments, only as far as their Elasticsearch keystore goes
 * (`GET|PATCH /api/v1/deployments/{deployment_id}/elasticsearch/{ref_id}/keystore`). As Elastic Cloud does, values
 * are write-only: both answers list each entry with `as_file` and never its value. A PATCH adds or replaces the
 * entries it names and removes those set to `null`; the others stay.
 */
import { CloudError, cloudErrorBody } from "./errors";
import { newHex } from "./ids";
import { jsonReply, type Reply } from "./reply";
import { Router } from "./router";
import type { SecretLog } from "./secret-log";
import type { IncomingRequest, Resolved, Service } from "./server";

interface KeystoreEntry {
  value: string;
  asFile: boolean;
}

type Keystore = Map<string, KeystoreEntry>;

export class DeploymentStore {
  /** deployment id → ref id → keystore. */
  private readonly deployments = new Map<string, Map<string, Keystore>>();

  constructor(private readonly secrets: SecretLog) {}

  /** A deployment with one Elasticsearch resource; returns its 32-hex-char id. */
  add(refId: string): string {
    const id = newHex(16);
    this.deployments.set(id, new Map([[refId, new Map()]]));
    return id;
  }

  keystore(deploymentId: string, refId: string): Keystore | undefined {
    return this.deployments.get(deploymentId)?.get(refId);
  }

  /** The plaintext of one entry, for the local cluster that reads its own keystore. */
  secureSetting(deploymentId: string, refId: string, name: string): string | undefined {
    return this.keystore(deploymentId, refId)?.get(name)?.value;
  }

  /** Entry names per Elasticsearch resource, never values. */
  inventory(): Array<{ deploymentId: string; refId: string; names: string[] }> {
    return [...this.deployments].flatMap(([deploymentId, resources]) =>
      [...resources].map(([refId, keystore]) => ({ deploymentId, refId, names: [...keystore.keys()].sort() })),
    );
  }

  patch(keystore: Keystore, secrets: Record<string, unknown>): void {
    // Validate everything before changing anything: a rejected PATCH leaves the keystore as it was.
    const changes: Array<[string, KeystoreEntry | null]> = Object.entries(secrets).map(([name, secret]) => {
      if (secret === null) return [name, null];
      if (typeof secret !== "object" || Array.isArray(secret) || !("value" in secret)) {
        throw new CloudError(400, "root.invalid_json_request", `The keystore secret [${name}] must be an object with a value`);
      }
      const { value, as_file: asFile } = secret as { value: unknown; as_file?: unknown };
      if (asFile !== undefined && typeof asFile !== "boolean") {
        throw new CloudError(400, "root.invalid_json_request", `as_file of the keystore secret [${name}] must be a boolean`);
      }
      if (typeof value === "string") return [name, { value, asFile: asFile ?? false }];
      if (value !== null && typeof value === "object") return [name, { value: JSON.stringify(value), asFile: asFile ?? true }];
      throw new CloudError(400, "root.invalid_json_request", `The value of the keystore secret [${name}] must be a string or an object`);
    });
    for (const [name, entry] of changes) {
      if (entry === null) keystore.delete(name);
      else {
        this.secrets.remember(entry.value);
        keystore.set(name, entry);
      }
    }
  }
}

/** KeystoreContents with the values left out, as both GET and PATCH answer. */
function redacted(keystore: Keystore): Record<string, unknown> {
  return { secrets: Object.fromEntries([...keystore].map(([name, entry]) => [name, { as_file: entry.asFile }])) };
}

function cloudReply(error: CloudError): Reply {
  return jsonReply(error.status, cloudErrorBody(error), { "x-cloud-error-codes": error.code, ...error.headers });
}

function parseBody(body: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new CloudError(400, "root.invalid_json_request", "The request body is not valid JSON");
  }
  const secrets = (json as { secrets?: unknown } | null)?.secrets;
  if (secrets === null || typeof secrets !== "object" || Array.isArray(secrets)) {
    throw new CloudError(400, "root.invalid_json_request", "The request body must be KeystoreContents: {\"secrets\": {…}}");
  }
  return secrets as Record<string, unknown>;
}

type Handler = (keystore: Keystore, request: IncomingRequest) => Reply;

/**
 * The Cloud listener's service with the deployment keystore routes added in front of it: requests the keystore
 * routes do not know go to `cloud` unchanged. `access` is the Cloud API key check of the Cloud service.
 */
export function withDeploymentKeystore(
  cloud: Service,
  store: DeploymentStore,
  access: (authorization: string | string[] | undefined) => "read" | "write" | undefined,
): Service {
  const path = "/api/v1/deployments/{deployment_id}/elasticsearch/{ref_id}/keystore";
  const router = new Router<{ write: boolean; handle: Handler }>()
    .add("GET", path, { write: false, handle: (keystore) => jsonReply(200, redacted(keystore)) })
    .add("PATCH", path, {
      write: true,
      handle: (keystore, request) => {
        store.patch(keystore, parseBody(request.body));
        return jsonReply(200, redacted(keystore));
      },
    });
  return {
    target: cloud.target,
    faultReply: (status) => cloud.faultReply(status),
    resolve(method, pathname): Resolved {
      const resolution = router.resolve(method, pathname);
      if (resolution.kind !== "found") return cloud.resolve(method, pathname);
      const { handler, params, template } = resolution;
      return {
        route: `${method} ${template}`,
        execute: (request) => {
          try {
            const granted = access(request.headers.authorization);
            if (granted === undefined) throw new CloudError(401, "root.unauthenticated", "The supplied authentication is invalid");
            if (handler.write && granted !== "write") {
              throw new CloudError(403, "root.unauthorized", "The API key is not authorized to perform this action");
            }
            const deploymentId = params.deployment_id ?? "";
            const refId = params.ref_id ?? "";
            const resources = store.keystore(deploymentId, refId);
            if (!resources) {
              throw store.inventory().some((d) => d.deploymentId === deploymentId)
                ? new CloudError(404, "deployments.deployment_resource_not_found", `The Resource specified by [${refId}] cannot be found`)
                : new CloudError(404, "deployments.deployment_not_found", `The Deployment specified by [${deploymentId}] cannot be found`);
            }
            return handler.handle(resources, request);
          } catch (error) {
            if (error instanceof CloudError) return cloudReply(error);
            throw error;
          }
        },
      };
    },
  };
}

/** The Cloud API key check: `Authorization: ApiKey <key>` with the full or the read-only key. */
export function cloudKeyAccess(keys: { full: string; readOnly: string }) {
  return (header: string | string[] | undefined): "read" | "write" | undefined => {
    const value = Array.isArray(header) ? header[0] : header;
    const key = value === undefined ? undefined : /^apikey\s+(\S+)\s*$/i.exec(value.trim())?.[1];
    if (key === keys.full) return "write";
    if (key === keys.readOnly) return "read";
    return undefined;
  };
}
