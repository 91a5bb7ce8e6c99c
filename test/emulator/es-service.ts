/**
 * The Elasticsearch side: the REST pipeline in Elasticsearch's order — route (400 no handler / 405), Content-Type
 * (406), authentication (401), URL parameters (400), then the handler, which parses, validates and authorizes
 * (403) in the order of the real action.
 */
import { authorize, type Action, type Authenticator, type Principal } from "./auth";
import { EsError, esErrorBody, illegalArgument } from "./errors";
import type { JsonNode } from "./json";
import { jsonReply, type Reply } from "./reply";
import { Router } from "./router";
import type { Resolved, Service } from "./server";
import { didYouMean, parseBooleanText, parseRequestBody } from "./xcontent";

export interface EsContext {
  readonly method: string;
  /** The request URI as received (path and query), as Elasticsearch quotes it in messages. */
  readonly uri: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly principal: Principal;
  /** The JSON body; "request body is required" when there is none. */
  body(): JsonNode;
  /** The JSON body, or undefined for an empty one. */
  optionalBody(): JsonNode | undefined;
  authorize(action: Action): void;
  /** A boolean URL parameter ("" counts as true, as in Elasticsearch). */
  booleanParam(name: string): boolean | undefined;
}

export interface EsRoute {
  method: string;
  path: string;
  handler: (ctx: EsContext) => Reply;
  /** URL parameters the route accepts besides the global ones. */
  params?: readonly string[];
}

const GLOBAL_PARAMS = ["pretty", "human", "error_trace", "filter_path"];
const JSON_TYPES = /^application\/(json|vnd\.elasticsearch\+json)\s*(;|$)/i;

const ES_HEADERS = { "x-elastic-product": "Elasticsearch" };

function esError(error: EsError): Reply {
  const headers: Record<string, string | string[]> = { ...ES_HEADERS };
  for (const [name, values] of Object.entries(error.headers)) headers[name] = values;
  return jsonReply(error.status, esErrorBody(error), headers);
}

/** Replies for the "status" fault: the error envelope Elasticsearch (or the proxy in front of it) would send. */
const FAULT_TYPES: Record<number, [type: string, reason: string]> = {
  400: ["illegal_argument_exception", "injected fault"],
  401: ["security_exception", "unable to authenticate with provided credentials and anonymous access is not allowed for this request"],
  403: ["security_exception", "action is unauthorized (injected fault)"],
  404: ["resource_not_found_exception", "injected fault"],
  409: ["version_conflict_engine_exception", "version conflict (injected fault)"],
  429: ["es_rejected_execution_exception", "rejected execution of coordinating operation (injected fault)"],
  500: ["exception", "injected fault"],
  502: ["exception", "bad gateway (injected fault)"],
  503: ["cluster_block_exception", "blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized] (injected fault)"],
  504: ["exception", "gateway timeout (injected fault)"],
};

function esFaultReply(status: number): Reply {
  const [type, reason] = FAULT_TYPES[status] ?? ["exception", `injected fault (${status})`];
  return esError(new EsError(status, type, reason));
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function createEsService(routes: readonly EsRoute[], authenticator: Authenticator): Service {
  const router = new Router<EsRoute>();
  for (const route of routes) router.add(route.method, route.path, route);

  return {
    target: "es",
    faultReply: esFaultReply,
    resolve(method, pathname): Resolved {
      const resolution = router.resolve(method, pathname);
      if (resolution.kind !== "found") {
        return {
          route: `${method} (unmatched)`,
          execute: ({ uri }) =>
            resolution.kind === "no-handler"
              ? jsonReply(400, { error: `no handler found for uri [${uri}] and method [${method}]` }, ES_HEADERS)
              : jsonReply(
                  405,
                  { error: `Incorrect HTTP method for uri [${uri}] and method [${method}], allowed: [${resolution.allowed.join(", ")}]`, status: 405 },
                  { ...ES_HEADERS, allow: resolution.allowed.join(",") },
                ),
        };
      }
      const route = resolution.handler;
      return {
        route: `${route.method} ${route.path}`,
        execute: (request) => {
          try {
            const contentType = singleHeader(request.headers["content-type"]);
            if (request.body.length > 0 && contentType === undefined) {
              return jsonReply(406, { error: "Content-Type header is missing", status: 406 }, ES_HEADERS);
            }
            if (request.body.length > 0 && contentType !== undefined && !JSON_TYPES.test(contentType)) {
              return jsonReply(406, { error: `Content-Type header [${contentType}] is not supported`, status: 406 }, ES_HEADERS);
            }
            const principal = authenticator.authenticate(singleHeader(request.headers.authorization), request.uri);
            checkParams(request.pathname, request.query, route.params ?? []);
            const reply = route.handler(context(request, resolution.params, principal));
            return { ...reply, headers: { ...ES_HEADERS, ...reply.headers } };
          } catch (error) {
            if (error instanceof EsError) return esError(error);
            throw error;
          }
        },
      };
    },
  };
}

function context(
  request: { method: string; uri: string; query: URLSearchParams; body: string },
  params: Record<string, string>,
  principal: Principal,
): EsContext {
  return {
    method: request.method,
    uri: request.uri,
    params,
    query: request.query,
    principal,
    body: () => parseRequestBody(request.body),
    optionalBody: () => (request.body.length === 0 ? undefined : parseRequestBody(request.body)),
    authorize: (action) => authorize(principal, action),
    booleanParam: (name) => {
      const value = request.query.get(name);
      return value === null ? undefined : value === "" ? true : parseBooleanText(value);
    },
  };
}

/** Elasticsearch refuses URL parameters a handler does not consume ("contains unrecognized parameter"). */
function checkParams(pathname: string, query: URLSearchParams, accepted: readonly string[]): void {
  const known = [...GLOBAL_PARAMS, ...accepted];
  const unknown = [...new Set(query.keys())].filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const list = unknown.map((name) => `[${name}]${didYouMean(name, known, " -> did you mean")}`).join(", ");
  throw illegalArgument(`request [${pathname}] contains unrecognized parameter${unknown.length > 1 ? "s" : ""}: ${list}`);
}
