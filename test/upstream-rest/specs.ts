/**
 * Requests from Elasticsearch's REST API specs (`rest-api-spec/api/*.json`): the YAML tests name an API and give its
 * path parts, URL parameters and body; the spec says which path and method that is.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface SpecPath {
  path: string;
  methods: string[];
  parts?: Record<string, unknown>;
}

interface ApiSpec {
  name: string;
  paths: SpecPath[];
  params: string[];
}

export interface BuiltRequest {
  method: string;
  /** Path and query string. */
  uri: string;
  body?: unknown;
}

/** An API the bundled specs do not describe: the test cannot run, and says why. */
export class NotRunnable extends Error {}

export function loadSpecs(dir: string): Map<string, ApiSpec> {
  const specs = new Map<string, ApiSpec>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const json = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, { url: { paths: SpecPath[] }; params?: object }>;
    for (const [name, spec] of Object.entries(json)) {
      specs.set(name, { name, paths: spec.url.paths, params: Object.keys(spec.params ?? {}) });
    }
  }
  return specs;
}

function paramText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(",") : String(value);
}

/**
 * The path whose parts are exactly the given ones (null parts count as absent); then the method: with a body the
 * first method that carries one, else the spec's first (the Java runner picks at random among them).
 */
export function buildRequest(specs: Map<string, ApiSpec>, api: string, args: Record<string, unknown>): BuiltRequest {
  const spec = specs.get(api);
  if (!spec) throw new NotRunnable(`API [${api}] has no REST spec in upstream-rest-tests/api/`);
  const { body, ignore: _ignore, ...rest } = args;
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
  const candidates = spec.paths.filter((p) => Object.keys(p.parts ?? {}).every((part) => part in given));
  candidates.sort((a, b) => Object.keys(b.parts ?? {}).length - Object.keys(a.parts ?? {}).length);
  const chosen = candidates[0];
  if (!chosen) throw new Error(`[${api}]: no path of its spec fits the arguments [${Object.keys(given).join(", ")}]`);
  const partNames = Object.keys(chosen.parts ?? {});
  let path = chosen.path;
  for (const part of partNames) path = path.replace(`{${part}}`, encodeURIComponent(paramText(given[part])));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(given)) if (!partNames.includes(name)) query.append(name, paramText(value));
  const method = body !== undefined ? (chosen.methods.find((m) => m !== "GET" && m !== "HEAD") ?? chosen.methods[0]!) : chosen.methods[0]!;
  const qs = query.toString();
  return { method, uri: qs ? `${path}?${qs}` : path, ...(body !== undefined && { body }) };
}
