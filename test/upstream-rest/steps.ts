/**
 * The steps of a YAML REST test (`do`, `match`, `length`, `is_true`, `is_false`, `set`, `transform_and_set`,
 * `gt`/`gte`/`lt`/`lte`) against one Elasticsearch URL, with the Java runner's semantics.
 */
import { isDeepStrictEqual } from "node:util";
import { request, type Dispatcher } from "undici";
import { buildRequest, NotRunnable, type loadSpecs } from "./specs";
import { Stash, valueAt } from "./stash";

export type Step = Record<string, unknown>;

/** `catch:` names of DoSection and the statuses they stand for. */
const CATCHES: Record<string, (status: number) => boolean> = {
  bad_request: (s) => s === 400,
  unauthorized: (s) => s === 401,
  forbidden: (s) => s === 403,
  missing: (s) => s === 404,
  request_timeout: (s) => s === 408,
  conflict: (s) => s === 409,
  unavailable: (s) => s === 503,
  request: (s) => s >= 400 && ![400, 401, 403, 404, 408, 409].includes(s),
};

export interface Context {
  esUrl: string;
  /** Authorization of the test cluster's admin user, used when a `do` sends no Authorization header. */
  adminAuth: string;
  specs: ReturnType<typeof loadSpecs>;
  stash: Stash;
}

function isRegex(value: unknown): value is string {
  return typeof value === "string" && value.length > 1 && value.startsWith("/") && value.trimEnd().endsWith("/");
}

/** Java's Pattern.COMMENTS: whitespace in the pattern is ignored (the upstream regexes rely on it). */
function toRegExp(text: string): RegExp {
  return new RegExp(text.trim().slice(1, -1).replace(/\\\s|\s+/g, (m) => (m.startsWith("\\") ? m : "")), "s");
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Numbers compare by value whatever their JSON form (int vs long vs double in Java). */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "number" && typeof expected === "number") return actual === expected;
  return isDeepStrictEqual(actual, expected);
}

function truthy(value: unknown): boolean {
  return !(value === undefined || value === null || value === false || value === "" || value === "false" || value === 0 || value === "0");
}

async function doStep(ctx: Context, spec: Record<string, unknown>): Promise<void> {
  const { catch: expectedCatch, headers, warnings: _w, allowed_warnings: _aw, node_selector: _ns, ...apis } = spec;
  const entries = Object.entries(apis);
  if (entries.length !== 1) throw new Error(`a do section names one API, got [${Object.keys(apis).join(", ")}]`);
  const [api, rawArgs] = entries[0]!;
  const args = ctx.stash.replace(rawArgs ?? {}) as Record<string, unknown>;
  const built = buildRequest(ctx.specs, api, args);
  const ignore = [args.ignore].flat().filter((v) => v !== undefined).map(Number);
  const requestHeaders: Record<string, string> = {
    authorization: ctx.adminAuth,
    ...Object.fromEntries(Object.entries((ctx.stash.replace(headers ?? {}) as Record<string, unknown>)).map(([k, v]) => [k.toLowerCase(), String(v)])),
  };
  let body: string | undefined;
  if (built.body !== undefined) {
    // A string body is JSON text (stash references were already replaced in its parsed form by the Java runner).
    const value = typeof built.body === "string" ? ctx.stash.replace(JSON.parse(built.body) as unknown) : built.body;
    body = JSON.stringify(value);
    requestHeaders["content-type"] ??= "application/json";
  }
  const res = await request(`${ctx.esUrl}${built.uri}`, { method: built.method as Dispatcher.HttpMethod, headers: requestHeaders, body });
  const text = await res.body.text();
  let json: unknown = text;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: kept as text.
  }
  const status = res.statusCode;
  ctx.stash.body = json;
  const what = `${api} (${built.method} ${built.uri})`;
  const noHandler = status === 400 && typeof json === "object" && json !== null && /^no handler found for uri/.test(String((json as { error?: unknown }).error));
  if (noHandler) throw new NotRunnable(`the emulator has no ${built.method} ${built.uri.split("?")[0]} (API ${api})`);
  if (expectedCatch !== undefined) {
    const name = String(expectedCatch);
    if (isRegex(name)) {
      if (status < 400 || !toRegExp(name).test(text)) throw new Error(`${what}: expected an error matching ${name}, got ${status} ${text}`);
    } else {
      const check = CATCHES[name];
      if (!check) throw new NotRunnable(`catch [${name}] is not supported by the runner`);
      if (!check(status)) throw new Error(`${what}: expected catch [${name}], got ${status} ${text}`);
    }
    return;
  }
  if (status >= 400 && !ignore.includes(status)) throw new Error(`${what}: unexpected ${status} ${text}`);
}

function pairs(step: unknown): Array<[string, unknown]> {
  if (typeof step === "string") return [[step, undefined]];
  return Object.entries(step as Record<string, unknown>);
}

function compare(ctx: Context, name: string, step: unknown, test: (a: number, b: number) => boolean): void {
  for (const [path, expected] of pairs(step)) {
    const actual = valueAt(ctx.stash.body, path, ctx.stash);
    const wanted = ctx.stash.replace(expected);
    if (typeof actual !== "number" || !test(actual, Number(wanted))) throw new Error(`${name} [${path}]: ${describe(actual)} vs ${describe(wanted)}`);
  }
}

const TRANSFORMS: Record<string, (ctx: Context, args: string[]) => unknown> = {
  base64EncodeCredentials: (ctx, [id, key]) =>
    Buffer.from(`${String(valueAt(ctx.stash.body, id ?? "", ctx.stash))}:${String(valueAt(ctx.stash.body, key ?? "", ctx.stash))}`).toString("base64"),
};

export async function runStep(ctx: Context, step: Step): Promise<void> {
  const [kind, value] = Object.entries(step)[0] ?? [];
  switch (kind) {
    case "do":
      return doStep(ctx, value as Record<string, unknown>);
    case "match":
      for (const [path, expected] of pairs(value)) {
        const actual = valueAt(ctx.stash.body, ctx.stash.replace(path) as string, ctx.stash);
        if (isRegex(expected)) {
          const pattern = toRegExp(String(ctx.stash.replace(expected)));
          if (!pattern.test(String(actual))) throw new Error(`match [${path}]: ${describe(actual)} does not match ${String(expected)}`);
        } else {
          const wanted = ctx.stash.replace(expected);
          if (!sameValue(actual, wanted)) throw new Error(`match [${path}]: expected ${describe(wanted)}, got ${describe(actual)}`);
        }
      }
      return;
    case "length":
      for (const [path, expected] of pairs(value)) {
        const actual = valueAt(ctx.stash.body, path, ctx.stash);
        const size = Array.isArray(actual) || typeof actual === "string" ? actual.length : typeof actual === "object" && actual !== null ? Object.keys(actual).length : undefined;
        if (size !== Number(ctx.stash.replace(expected))) throw new Error(`length [${path}]: expected ${String(expected)}, got ${describe(actual)}`);
      }
      return;
    case "is_true":
    case "is_false": {
      const path = String(value);
      const actual = valueAt(ctx.stash.body, path, ctx.stash);
      if (truthy(actual) !== (kind === "is_true")) throw new Error(`${kind} [${path}]: got ${describe(actual)}`);
      return;
    }
    case "set":
      for (const [path, name] of pairs(value)) ctx.stash.set(String(name), valueAt(ctx.stash.body, path, ctx.stash));
      return;
    case "transform_and_set":
      for (const [name, expression] of pairs(value)) {
        const call = /^#(\w+)\((.*)\)$/.exec(String(expression));
        const transform = call && TRANSFORMS[call[1]!];
        if (!call || !transform) throw new NotRunnable(`transform [${String(expression)}] is not supported by the runner`);
        ctx.stash.set(name, transform(ctx, call[2]!.split(",").map((s) => s.trim())));
      }
      return;
    case "gt":
      return compare(ctx, kind, value, (a, b) => a > b);
    case "gte":
      return compare(ctx, kind, value, (a, b) => a >= b);
    case "lt":
      return compare(ctx, kind, value, (a, b) => a < b);
    case "lte":
      return compare(ctx, kind, value, (a, b) => a <= b);
    case "skip":
    case "requires":
      // Evaluated before the test runs (see suite.ts).
      return;
    default:
      throw new NotRunnable(`step [${String(kind)}] is not supported by the runner`);
  }
}
