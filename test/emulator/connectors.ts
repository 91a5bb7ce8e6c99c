/** Connectors (`_connector`) and connector secrets (`_connector/_secret`). */
import { ACTIONS } from "./auth";
import { EsError, resourceNotFound, validationFailed } from "./errors";
import type { EsContext, EsRoute } from "./es-service";
import { newHex, newId } from "./ids";
import { jsonReply, type Reply } from "./reply";
import type { SecretLog } from "./secret-log";
import { field, ObjectParser } from "./xcontent";

const CONNECTOR_INDEX = ".elastic-connectors-v1";
const DEFAULT_SCHEDULE = { enabled: false, interval: "0 0 0 * * ?" };

const PUT_CONNECTOR = new ObjectParser("connector_put_request", {
  description: field.string(),
  index_name: field.string(),
  is_native: field.boolean(),
  language: field.string(),
  name: field.string(),
  service_type: field.string(),
});

const UPDATE_API_KEY_ID = new ObjectParser("connector_update_api_key_id_request", {
  api_key_id: field.stringOrNull(),
  api_key_secret_id: field.stringOrNull(),
});

const POST_SECRET = new ObjectParser("post_secret_request", { value: field.string() });
const PUT_SECRET = new ObjectParser("put_secret_request", { value: field.stringOrNull() });

/** MetadataCreateIndexService.validateIndexOrAliasName, as PutConnectorAction validates `index_name`. */
function indexNameProblem(name: string): string | undefined {
  if (name === "." || name === "..") return "must not be '.' or '..'";
  if (name !== name.toLowerCase()) return "must be lowercase";
  const bad = ["\\", "/", "*", "?", '"', "<", ">", "|", " ", ",", "#", ":"].find((c) => name.includes(c));
  if (bad !== undefined) return `must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?, #, :]`;
  if (/^[_\-+]/.test(name)) return "must not start with '_', '-', or '+'";
  if (Buffer.byteLength(name, "utf8") > 255) return "index name is too long, (" + Buffer.byteLength(name, "utf8") + " > 255)";
  return undefined;
}

type ConnectorDocument = Record<string, unknown>;

function defaultFiltering(now: string): unknown[] {
  const rules = {
    advanced_snippet: { created_at: now, updated_at: now, value: {} },
    rules: [
      { created_at: now, field: "_", id: "DEFAULT", order: 0, policy: "include", rule: "regex", updated_at: now, value: ".*" },
    ],
    validation: { errors: [], state: "valid" },
  };
  return [{ active: rules, domain: "DEFAULT", draft: structuredClone(rules) }];
}

function withoutUndefined(doc: ConnectorDocument): ConnectorDocument {
  return Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined));
}

/** GET's rendering: the notes' field order, absent (never written) key fields omitted. */
function connectorView(doc: ConnectorDocument): ConnectorDocument {
  const order = [
    "id", "api_key_id", "api_key_secret_id", "configuration", "custom_scheduling", "description", "index_name", "is_native",
    "language", "name", "pipeline", "scheduling", "service_type", "status", "sync_now", "deleted", "filtering",
  ];
  const view: ConnectorDocument = {};
  for (const key of order) if (doc[key] !== undefined) view[key] = doc[key];
  return view;
}

export class ConnectorStore {
  private readonly connectors = new Map<string, ConnectorDocument>();
  private readonly secrets = new Map<string, string>();
  // The connectors index only exists once a connector was created; updates before that fail differently.
  private indexExists = false;
  private readonly indexUuid = newHex(11);

  constructor(private readonly secretLog: SecretLog) {}

  inventory(): { connectors: ConnectorDocument[]; connectorSecrets: Array<{ id: string }> } {
    return {
      connectors: structuredClone([...this.connectors.values()]),
      connectorSecrets: [...this.secrets.keys()].map((id) => ({ id })),
    };
  }

  /** Missing connector on update: resource_not_found before the index exists, document_missing after. */
  private missing(id: string): EsError {
    if (!this.indexExists) return resourceNotFound(`connector [${id}] not found`);
    return new EsError(404, "document_missing_exception", `[${id}]: document missing`, {
      metadata: { index_uuid: this.indexUuid, shard: "0", index: CONNECTOR_INDEX },
    });
  }

  /** Creates (201 `created`) or overwrites (200 `updated`) a connector. */
  private put(ctx: EsContext, id: string): Reply {
    const body = ctx.optionalBody();
    const request = body ? PUT_CONNECTOR.parse(body) : {};
    ctx.authorize(ACTIONS.putConnector);
    const indexName = request.index_name;
    if (indexName !== undefined) {
      const problem = indexNameProblem(indexName);
      if (problem) {
        throw new EsError(400, "invalid_index_name_exception", `Invalid index name [${indexName}], ${problem}`, {
          metadata: { "index_uuid": "_na_", index: indexName },
        });
      }
      const taken = [...this.connectors.values()].some((doc) => doc.id !== id && doc.index_name === indexName);
      if (taken) throw new EsError(400, "status_exception", `Index name [${indexName}] is used by another connector.`);
    }
    const existed = this.connectors.has(id);
    const now = new Date().toISOString();
    // PUT indexes a fresh document: an existing connector is overwritten, bindings included.
    this.connectors.set(id, withoutUndefined({
      id,
      configuration: {},
      custom_scheduling: {},
      description: request.description,
      index_name: indexName ?? null,
      is_native: request.is_native ?? false,
      language: request.language,
      name: request.name,
      pipeline: { extract_binary_content: true, name: "search-default-ingestion", reduce_whitespace: true, run_ml_inference: true },
      scheduling: { access_control: { ...DEFAULT_SCHEDULE }, full: { ...DEFAULT_SCHEDULE }, incremental: { ...DEFAULT_SCHEDULE } },
      service_type: request.service_type,
      status: request.is_native ? "needs_configuration" : "created",
      sync_now: false,
      deleted: false,
      filtering: defaultFiltering(now),
    }));
    this.indexExists = true;
    return jsonReply(existed ? 200 : 201, { result: existed ? "updated" : "created", id });
  }

  routes(): EsRoute[] {
    return [
      {
        method: "PUT",
        path: "/_connector/{connector_id}",
        handler: (ctx) => {
          const id = ctx.params.connector_id ?? "";
          if (id === "") throw validationFailed(['[connector_id] cannot be [null] or [""].']);
          return this.put(ctx, id);
        },
      },
      // Without an id Elasticsearch makes one up (PUT and POST alike).
      ...(["PUT", "POST"] as const).map((method): EsRoute => ({ method, path: "/_connector", handler: (ctx) => this.put(ctx, newId()) })),
      {
        method: "GET",
        path: "/_connector/{connector_id}",
        params: ["include_deleted"],
        handler: (ctx) => {
          ctx.booleanParam("include_deleted");
          ctx.authorize(ACTIONS.getConnector);
          const id = ctx.params.connector_id ?? "";
          const doc = this.connectors.get(id);
          if (!doc) throw resourceNotFound(`connector [${id}] not found`);
          return jsonReply(200, connectorView(doc));
        },
      },
      {
        // Deleting a connector leaves its index, keys and secrets alone, as in Elasticsearch.
        method: "DELETE",
        path: "/_connector/{connector_id}",
        params: ["delete_sync_jobs", "hard"],
        handler: (ctx) => {
          ctx.booleanParam("delete_sync_jobs");
          ctx.booleanParam("hard");
          ctx.authorize(ACTIONS.putConnector);
          const id = ctx.params.connector_id ?? "";
          if (!this.connectors.delete(id)) throw resourceNotFound(`connector [${id}] not found`);
          return jsonReply(200, { acknowledged: true });
        },
      },
      {
        method: "GET",
        path: "/_connector",
        params: ["from", "size", "index_name", "connector_name", "service_type", "query", "include_deleted"],
        handler: (ctx) => {
          ctx.authorize(ACTIONS.getConnector);
          const results = [...this.connectors.values()].map(connectorView);
          return jsonReply(200, { count: results.length, results });
        },
      },
      {
        method: "PUT",
        path: "/_connector/{connector_id}/_api_key_id",
        handler: (ctx) => {
          const request = UPDATE_API_KEY_ID.parse(ctx.body());
          const id = ctx.params.connector_id ?? "";
          const errors: string[] = [];
          if (id === "") errors.push('[connector_id] cannot be [null] or [""].');
          // UpdateConnectorApiKeyIdAction.Request.validate(): `{}` and two nulls are refused, unbinding writes "".
          if (typeof request.api_key_id !== "string" && typeof request.api_key_secret_id !== "string") {
            errors.push("[api_key_id] and [api_key_secret_id] cannot both be [null]. Please provide a value for at least one of them.");
          }
          if (errors.length > 0) throw validationFailed(errors);
          ctx.authorize(ACTIONS.updateConnectorApiKeyId);
          const doc = this.connectors.get(id);
          if (!doc) throw this.missing(id);
          let changed = false;
          // Only non-null values are written: null never clears a binding, "" does.
          for (const key of ["api_key_id", "api_key_secret_id"] as const) {
            const value = request[key];
            if (typeof value === "string" && doc[key] !== value) {
              doc[key] = value;
              changed = true;
            }
          }
          return jsonReply(200, { result: changed ? "updated" : "noop" });
        },
      },
      {
        method: "POST",
        path: "/_connector/_secret",
        handler: (ctx) => {
          const request = POST_SECRET.parse(ctx.body());
          if (!request.value) throw validationFailed(['[value] of the connector secret cannot be [null] or [""]']);
          ctx.authorize(ACTIONS.postSecret);
          const id = newId();
          this.secrets.set(id, request.value);
          this.secretLog.remember(request.value);
          return jsonReply(200, { id });
        },
      },
      {
        method: "PUT",
        path: "/_connector/_secret/{id}",
        handler: (ctx) => {
          const request = PUT_SECRET.parse(ctx.body());
          if (!request.value) throw validationFailed(['[value] of the connector secret cannot be [null] or [""]']);
          ctx.authorize(ACTIONS.putSecret);
          const id = ctx.params.id ?? "";
          const existed = this.secrets.has(id);
          this.secrets.set(id, request.value);
          this.secretLog.remember(request.value);
          return jsonReply(200, { result: existed ? "updated" : "created" });
        },
      },
      {
        method: "GET",
        path: "/_connector/_secret/{id}",
        handler: (ctx) => {
          ctx.authorize(ACTIONS.getSecret);
          const id = ctx.params.id ?? "";
          const value = this.secrets.get(id);
          if (value === undefined) throw resourceNotFound(`No secret with id [${id}]`);
          return jsonReply(200, { id, value });
        },
      },
      {
        method: "DELETE",
        path: "/_connector/_secret/{id}",
        handler: (ctx) => {
          ctx.authorize(ACTIONS.deleteSecret);
          const id = ctx.params.id ?? "";
          if (!this.secrets.delete(id)) throw resourceNotFound(`No secret with id [${id}]`);
          return jsonReply(200, { deleted: true });
        },
      },
    ];
  }
}
