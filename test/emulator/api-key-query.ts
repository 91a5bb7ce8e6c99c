/**
 * The subset of the query DSL that POST /_security/_query/api_key supports here: match_all, term, terms, prefix,
 * wildcard, exists, ids, range and bool, over the fields the real API exposes (plus `id`), with from/size/sort.
 */
import { EsError, illegalArgument } from "./errors";
import type { ApiKeyRecord } from "./security-keys";

export type KeyPredicate = (key: ApiKeyRecord) => boolean;

export interface SortField {
  field: string;
  order: "asc" | "desc";
}

function parsingException(reason: string): EsError {
  return new EsError(400, "parsing_exception", reason);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const TOP_LEVEL_FIELDS = new Set(["id", "_id", "name", "type", "creation", "expiration", "invalidated", "invalidation", "username", "realm_name"]);

/** Refuses fields the real API does not expose, before any key is looked at (as Elasticsearch translates names). */
function assertQueryable(field: string): string {
  if (TOP_LEVEL_FIELDS.has(field) || (field.startsWith("metadata.") && field.length > "metadata.".length)) return field;
  throw illegalArgument(`Field [${field}] is not allowed for querying or aggregation`);
}

/** Values of a queryable field. */
function fieldValues(key: ApiKeyRecord, field: string): unknown[] {
  switch (field) {
    case "id":
    case "_id":
      return [key.id];
    case "name":
      return [key.name];
    case "type":
      return [key.type];
    case "creation":
      return [key.creation];
    case "expiration":
      return key.expiration === undefined ? [] : [key.expiration];
    case "invalidated":
      return [key.invalidated];
    case "invalidation":
      return key.invalidation === undefined ? [] : [key.invalidation];
    case "username":
      return [key.owner.username];
    case "realm_name":
      return [key.owner.realm];
  }
  if (field.startsWith("metadata.")) {
    let value: unknown = key.metadata;
    for (const part of field.slice("metadata.".length).split(".")) value = isObject(value) ? value[part] : undefined;
    if (value === undefined || value === null || isObject(value)) return [];
    return Array.isArray(value) ? value : [value];
  }
  return [];
}

const DATE_FIELDS = new Set(["creation", "expiration", "invalidation"]);

/** Comparable form of a query value for a field: dates as epoch ms, everything else as keyword text. */
function normalize(field: string, value: unknown): string | number {
  if (DATE_FIELDS.has(field)) return typeof value === "number" ? value : Date.parse(String(value));
  return String(value);
}

/** `{"field": value}` or `{"field": {"value": value}}` — the single field of a term-level query. */
function single(type: string, body: unknown): [string, unknown] {
  if (!isObject(body)) throw parsingException(`[${type}] query malformed, no start_object after query name`);
  const entries = Object.entries(body).filter(([k]) => k !== "boost" && k !== "_name");
  if (entries.length !== 1) throw parsingException(`[${type}] query doesn't support multiple fields, found [${entries.map(([k]) => k).join("] and [")}]`);
  const [field, spec] = entries[0]!;
  return [assertQueryable(field), isObject(spec) ? spec.value : spec];
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "s");
}

function clauses(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function compileQuery(query: unknown): KeyPredicate {
  if (query === undefined) return () => true;
  if (!isObject(query)) throw parsingException("[_na] query malformed, must start with start_object");
  const entries = Object.entries(query);
  if (entries.length !== 1) throw parsingException(`[${entries[0]?.[0] ?? "_na"}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`);
  const [type, body] = entries[0]!;
  switch (type) {
    case "match_all":
      return () => true;
    case "term": {
      const [field, value] = single(type, body);
      const wanted = normalize(field, value);
      return (key) => fieldValues(key, field).some((v) => normalize(field, v) === wanted);
    }
    case "terms": {
      if (!isObject(body)) throw parsingException("[terms] query malformed, no start_object after query name");
      const [field, values] = Object.entries(body).find(([k]) => k !== "boost") ?? [];
      if (field === undefined || !Array.isArray(values)) throw parsingException(`[terms] query does not support [${String(field)}]`);
      assertQueryable(field);
      const wanted = new Set(values.map((v) => normalize(field, v)));
      return (key) => fieldValues(key, field).some((v) => wanted.has(normalize(field, v)));
    }
    case "prefix": {
      const [field, value] = single(type, body);
      return (key) => fieldValues(key, field).some((v) => String(v).startsWith(String(value)));
    }
    case "wildcard": {
      const [field, value] = single(type, body);
      const pattern = globToRegExp(String(value));
      return (key) => fieldValues(key, field).some((v) => pattern.test(String(v)));
    }
    case "exists": {
      const field = assertQueryable(isObject(body) ? String(body.field) : "");
      return (key) => fieldValues(key, field).length > 0;
    }
    case "ids": {
      const values = isObject(body) && Array.isArray(body.values) ? body.values.map(String) : [];
      return (key) => values.includes(key.id);
    }
    case "range": {
      const ranges = isObject(body) ? Object.entries(body).filter(([k]) => k !== "boost") : [];
      const [field, spec] = ranges[0] ?? [];
      if (ranges.length !== 1 || field === undefined || !isObject(spec)) throw parsingException("[range] query malformed, no start_object after query name");
      assertQueryable(field);
      const cmp = (v: unknown, bound: unknown): number => {
        const a = normalize(field, v);
        const b = normalize(field, bound);
        return a < b ? -1 : a > b ? 1 : 0;
      };
      return (key) =>
        fieldValues(key, field).some(
          (v) =>
            (spec.gt === undefined || cmp(v, spec.gt) > 0) &&
            (spec.gte === undefined || cmp(v, spec.gte) >= 0) &&
            (spec.lt === undefined || cmp(v, spec.lt) < 0) &&
            (spec.lte === undefined || cmp(v, spec.lte) <= 0),
        );
    }
    case "bool": {
      if (!isObject(body)) throw parsingException("[bool] query malformed, no start_object after query name");
      const must = [...clauses(body.must), ...clauses(body.filter)].map(compileQuery);
      const mustNot = clauses(body.must_not).map(compileQuery);
      const should = clauses(body.should).map(compileQuery);
      const minimumShould = body.minimum_should_match !== undefined ? Number(body.minimum_should_match) : must.length > 0 ? 0 : 1;
      return (key) =>
        must.every((p) => p(key)) &&
        !mustNot.some((p) => p(key)) &&
        (should.length === 0 || should.filter((p) => p(key)).length >= minimumShould);
    }
    default:
      throw illegalArgument(`Query type [${type}] is not supported for API Key query`);
  }
}

export function parseSort(sort: unknown): SortField[] {
  return clauses(sort).map((item) => {
    if (typeof item === "string") return { field: assertQueryable(item), order: "asc" };
    if (isObject(item)) {
      const [field, spec] = Object.entries(item)[0] ?? ["", "asc"];
      const order = isObject(spec) ? spec.order : spec;
      return { field: assertQueryable(field), order: order === "desc" ? "desc" : "asc" };
    }
    throw parsingException("malformed sort format, within the sort array, an object, or an actual string are allowed");
  });
}

/** Sort key of a key for one field: its first value, undefined when missing (sorted last either way). */
export function sortValue(key: ApiKeyRecord, field: string): string | number | boolean | undefined {
  const value = fieldValues(key, field)[0];
  return value === undefined ? undefined : (value as string | number | boolean);
}

export function compareBy(fields: SortField[]): (a: ApiKeyRecord, b: ApiKeyRecord) => number {
  return (a, b) => {
    for (const { field, order } of fields) {
      const x = sortValue(a, field);
      const y = sortValue(b, field);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const diff = x < y ? -1 : 1;
      return order === "asc" ? diff : -diff;
    }
    return 0;
  };
}
