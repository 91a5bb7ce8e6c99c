/**
 * A small validator for the JSON-schema subset used by `../shared/spec/elasticsearch-openapi-subset.json`:
 * `$ref` (local), `type`, `nullable`, `properties`, `required`, `items`, `additionalProperties`, `oneOf`, `anyOf`,
 * `allOf`, `enum`. Enough for contract tests; no dependency.
 *
 * `oneOf` is checked as "at least one": the Elasticsearch spec generator emits `oneOf` for unions whose members
 * overlap (e.g. `Duration` = string | "-1" | "0", `index_name` = string | nullable string), so exclusive matching
 * would reject valid documents.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
};

export interface Operation {
  parameters?: ({ $ref?: string; in?: string; name?: string })[];
  requestBody?: { $ref?: string; content?: Record<string, { schema: Schema }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
}

export function loadSpec(): OpenApi {
  const file = path.resolve(__dirname, "../../../shared/spec/elasticsearch-openapi-subset.json");
  return JSON.parse(readFileSync(file, "utf8")) as OpenApi;
}

/** Follows a local `#/components/...` reference. */
export function resolveRef<T>(spec: OpenApi, ref: string): T {
  const parts = ref.replace(/^#\//, "").split("/");
  let node: unknown = spec;
  for (const p of parts) node = (node as Record<string, unknown> | undefined)?.[p];
  if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return node as T;
}

export interface ValidateOptions {
  /** Report properties that the schema does not declare (for bodies we send: Elasticsearch's parsers are strict). */
  noUndeclaredProperties?: boolean;
}

/**
 * Problems of `value` against `schema`, as `path: message` strings; empty when it conforms. `partOfAllOf` is set
 * while checking one member of an `allOf`: undeclared properties are then judged once, against all members.
 */
export function validate(spec: OpenApi, schema: Schema, value: unknown, options: ValidateOptions = {}, at = "$", partOfAllOf = false): string[] {
  if (schema.$ref) return validate(spec, resolveRef<Schema>(spec, schema.$ref), value, options, at, partOfAllOf);
  if (value === null && schema.nullable) return [];
  const errors: string[] = [];
  if (schema.allOf) for (const s of schema.allOf) errors.push(...validate(spec, s, value, options, at, true));
  if (options.noUndeclaredProperties && !partOfAllOf && schema.allOf && isObject(value)) {
    const declared = declaredProperties(spec, schema);
    if (declared.size > 0) for (const k of Object.keys(value)) if (!declared.has(k)) errors.push(`${at}: undeclared property ${k}`);
  }
  for (const union of [schema.oneOf, schema.anyOf]) {
    if (!union) continue;
    const results = union.map((s) => validate(spec, s, value, options, at));
    if (!results.some((r) => r.length === 0)) {
      const best = results.reduce((a, b) => (b.length < a.length ? b : a));
      errors.push(`${at}: matches none of ${union.length} alternatives (closest: ${best.join("; ")})`);
    }
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.type && !hasType(value, schema.type)) return [...errors, `${at}: expected ${schema.type}, got ${kind(value)}`];
  if (schema.type === "array" || (schema.items && Array.isArray(value))) {
    if (schema.items && Array.isArray(value)) value.forEach((v, i) => errors.push(...validate(spec, schema.items as Schema, v, options, `${at}[${i}]`)));
  }
  if (isObject(value) && (schema.type === "object" || schema.properties || schema.additionalProperties !== undefined)) {
    for (const r of schema.required ?? []) if (!(r in value)) errors.push(`${at}: missing required property ${r}`);
    for (const [k, v] of Object.entries(value)) {
      const declared = schema.properties?.[k];
      if (declared) errors.push(...validate(spec, declared, v, options, `${at}.${k}`));
      else if (typeof schema.additionalProperties === "object") errors.push(...validate(spec, schema.additionalProperties, v, options, `${at}.${k}`));
      else if (schema.additionalProperties === false || (options.noUndeclaredProperties && !partOfAllOf && schema.properties))
        errors.push(`${at}: undeclared property ${k}`);
    }
  }
  return errors;
}

/** Property names declared by a schema and its `allOf` members. */
function declaredProperties(spec: OpenApi, schema: Schema): Set<string> {
  const s = schema.$ref ? resolveRef<Schema>(spec, schema.$ref) : schema;
  const names = new Set(Object.keys(s.properties ?? {}));
  for (const member of s.allOf ?? []) for (const n of declaredProperties(spec, member)) names.add(n);
  return names;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "string":
    case "boolean":
      return typeof value === type;
    default:
      throw new Error(`schema type ${type} is not supported by this validator`);
  }
}

function kind(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/** The JSON schema of an operation's request body (following `$ref`s), if it has one. */
export function requestSchema(spec: OpenApi, op: Operation): Schema | undefined {
  const body = op.requestBody?.$ref ? resolveRef<NonNullable<Operation["requestBody"]>>(spec, op.requestBody.$ref) : op.requestBody;
  return body?.content?.["application/json"]?.schema;
}

/**
 * The JSON schema of an operation's response for `status`. The subset declares only `200` for every operation,
 * also where Elasticsearch answers `201 Created` (creating a connector): other 2xx fall back to the `200` schema.
 */
export function responseSchema(spec: OpenApi, op: Operation, status: number): Schema | undefined {
  const res = op.responses?.[String(status)] ?? (status >= 200 && status < 300 ? op.responses?.["200"] : undefined);
  const resolved = res?.$ref ? resolveRef<NonNullable<typeof res>>(spec, res.$ref) : res;
  return resolved?.content?.["application/json"]?.schema;
}

/** Names of the query parameters an operation declares. */
export function queryParameters(spec: OpenApi, op: Operation): string[] {
  return (op.parameters ?? [])
    .map((p) => (p.$ref ? resolveRef<{ in?: string; name?: string }>(spec, p.$ref) : p))
    .filter((p) => p.in === "query")
    .map((p) => p.name ?? "");
}

/** The spec path template matching a concrete path, preferring literal segments over `{params}`. */
export function matchPath(spec: OpenApi, method: string, pathname: string): { template: string; op: Operation } | undefined {
  const candidates = Object.keys(spec.paths)
    .filter((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname))
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  for (const template of candidates) {
    const op = spec.paths[template]?.[method.toLowerCase()];
    if (op) return { template, op };
  }
  return undefined;
}
