/**
 * Path-template routing the way Elasticsearch's path trie does it: literal segments win over `{params}`, an empty
 * segment (`/_connector//_api_key_id`) is a valid (empty) parameter, trailing slashes are ignored, HEAD falls back
 * to GET, and a path known under other methods is a 405 rather than a 400.
 */

export type Resolution<H> =
  | { kind: "found"; template: string; handler: H; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "no-handler" };

interface Route<H> {
  method: string;
  template: string;
  segments: string[];
  handler: H;
}

// Elasticsearch lists allowed methods in the order of its RestRequest.Method enum.
const METHOD_ORDER = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "CONNECT"];

function split(path: string): string[] {
  const segments = path.replace(/^\/+/, "").split("/");
  while (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
  return segments;
}

function isParam(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): this {
    this.routes.push({ method, template, segments: split(template), handler });
    return this;
  }

  resolve(method: string, pathname: string): Resolution<H> {
    const segments = split(pathname);
    const candidates = this.routes
      .filter((route) => matches(route.segments, segments))
      .sort((a, b) => specificity(a.segments, b.segments));
    if (candidates.length === 0) return { kind: "no-handler" };
    const wanted = method === "HEAD" && !candidates.some((r) => r.method === "HEAD") ? "GET" : method;
    const route = candidates.find((r) => r.method === wanted);
    if (!route) {
      const allowed = [...new Set(candidates.map((r) => r.method))];
      allowed.sort((a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b));
      return { kind: "method-not-allowed", allowed };
    }
    const params: Record<string, string> = {};
    route.segments.forEach((segment, i) => {
      if (isParam(segment)) params[segment.slice(1, -1)] = decode(segments[i] ?? "");
    });
    return { kind: "found", template: route.template, handler: route.handler, params };
  }
}

function matches(template: string[], path: string[]): boolean {
  return template.length === path.length && template.every((segment, i) => isParam(segment) || segment === path[i]);
}

/** Literal segments sort before parameters, left to right. */
function specificity(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = Number(isParam(a[i]!)) - Number(isParam(b[i]!));
    if (diff !== 0) return diff;
  }
  return 0;
}
