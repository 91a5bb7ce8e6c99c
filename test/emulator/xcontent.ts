/**
 * Elasticsearch's strict body parsing (its `ObjectParser` / `ConstructingObjectParser`), so that error types,
 * messages and `[line:column]` positions match the real thing:
 * - an unknown field → `[L:C] [parser] unknown field [x]` (plus ` did you mean [y]?` when a declared field is close);
 * - a value of the wrong JSON type → `[L:C] [parser] x doesn't support values of type: VALUE_NULL`;
 * - any failure inside a field's own parser is wrapped: `[L:C] [parser] failed to parse field [x]`, caused by it;
 * - missing required fields → `Required [a, b]` (an illegal_argument_exception).
 */
import { EsError, illegalArgument, requestBodyRequired, xContentParse } from "./errors";
import { JsonSyntaxError, parseJson, toPlain, type JsonNode, type Token } from "./json";

export interface FieldSpec<T> {
  /** JSON token types the field accepts; others are rejected before `parse` runs. */
  readonly tokens: readonly Token[];
  parse(node: JsonNode): T;
}

type Parsed<F> = { [K in keyof F]?: F[K] extends FieldSpec<infer V> ? V : never };

const SCALARS: readonly Token[] = ["VALUE_STRING", "VALUE_NUMBER", "VALUE_BOOLEAN", "VALUE_NULL"];

/** What `parser.text()` gives for a scalar token. */
function text(node: JsonNode): string {
  switch (node.kind) {
    case "string":
      return node.value;
    case "number":
      return node.raw;
    case "boolean":
      return String(node.value);
    case "null":
      return "null";
    default:
      throw illegalArgument(`Can't get text on a ${node.token}`, node.at);
  }
}

export function parseBooleanText(value: string): boolean {
  if (value === "true") return true;
  if (value === "false") return false;
  throw illegalArgument(`Failed to parse value [${value}] as only [true] or [false] are allowed.`);
}

export const field = {
  string: (): FieldSpec<string> => ({ tokens: ["VALUE_STRING"], parse: text }),
  stringOrNull: (): FieldSpec<string | null> => ({
    tokens: ["VALUE_STRING", "VALUE_NULL"],
    parse: (node) => (node.kind === "null" ? null : text(node)),
  }),
  boolean: (): FieldSpec<boolean> => ({
    tokens: ["VALUE_BOOLEAN", "VALUE_STRING"],
    parse: (node) => (node.kind === "boolean" ? node.value : parseBooleanText(text(node))),
  }),
  integer: (): FieldSpec<number> => ({
    tokens: ["VALUE_NUMBER", "VALUE_STRING"],
    parse: (node) => {
      const value = node.kind === "number" ? Math.trunc(node.value) : Number(text(node));
      if (!Number.isInteger(value)) throw illegalArgument(`For input string: "${text(node)}"`, node.at);
      return value;
    },
  }),
  /** A string, or an array of scalars read as text (as `declareStringArray` does). */
  stringArray: (): FieldSpec<string[]> => ({
    tokens: ["START_ARRAY", "VALUE_STRING"],
    parse: (node) => (node.kind === "array" ? node.items.map(text) : [text(node)]),
  }),
  /** Any JSON object, as plain data (`p.map()`). */
  map: (): FieldSpec<Record<string, unknown>> => ({
    tokens: ["START_OBJECT"],
    parse: (node) => toPlain(node) as Record<string, unknown>,
  }),
  object: <T>(parser: { parse(node: JsonNode): T }): FieldSpec<T> => ({
    tokens: ["START_OBJECT"],
    parse: (node) => parser.parse(node),
  }),
  /** An array of items, or a single object standing for a one-item array (as `declareObjectArray` allows). */
  objectArray: <T>(item: (node: JsonNode) => T): FieldSpec<T[]> => ({
    tokens: ["START_OBJECT", "START_ARRAY"],
    parse: (node) => (node.kind === "array" ? node.items.map(item) : [item(node)]),
  }),
  /** The raw node, for fields parsed later (queries, sorts). */
  raw: (tokens: readonly Token[] = ["START_OBJECT", "START_ARRAY", ...SCALARS]): FieldSpec<JsonNode> => ({
    tokens,
    parse: (node) => node,
  }),
};

export class ObjectParser<F extends Record<string, FieldSpec<unknown>>> {
  constructor(
    readonly name: string,
    private readonly fields: F,
    private readonly options: { required?: ReadonlyArray<keyof F & string> } = {},
  ) {}

  parse(node: JsonNode): Parsed<F> {
    if (node.kind !== "object") throw xContentParse(node.at, `[${this.name}] Expected START_OBJECT but was: ${node.token}`);
    const out: Record<string, unknown> = {};
    for (const entry of node.fields) {
      const spec = Object.hasOwn(this.fields, entry.name) ? this.fields[entry.name] : undefined;
      if (!spec) {
        const hint = didYouMean(entry.name, Object.keys(this.fields), " did you mean");
        throw xContentParse(entry.at, `[${this.name}] unknown field [${entry.name}]${hint}`);
      }
      if (!spec.tokens.includes(entry.value.token)) {
        throw xContentParse(entry.value.at, `[${this.name}] ${entry.name} doesn't support values of type: ${entry.value.token}`);
      }
      try {
        out[entry.name] = spec.parse(entry.value);
      } catch (error) {
        if (!(error instanceof EsError)) throw error;
        throw xContentParse(error.at ?? entry.value.at, `[${this.name}] failed to parse field [${entry.name}]`, error);
      }
    }
    const missing = (this.options.required ?? []).filter((key) => !Object.hasOwn(out, key));
    if (missing.length > 0) throw illegalArgument(`Required [${missing.join(", ")}]`, node.end);
    return out as Parsed<F>;
  }
}

/** Parses a request body; empty bodies are "request body is required", as for every body-taking Elasticsearch API. */
export function parseRequestBody(body: string): JsonNode {
  if (body.length === 0) throw requestBodyRequired();
  try {
    return parseJson(body);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw xContentParse(error.at, error.message);
    throw error;
  }
}

/** Lucene's LevenshteinDistance: 1 - edits / longer length. */
function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  let previous = Array.from({ length: a.length + 1 }, (_, i) => i);
  for (let j = 1; j <= b.length; j++) {
    const current = [j];
    for (let i = 1; i <= a.length; i++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[i] = Math.min(current[i - 1]! + 1, previous[i]! + 1, previous[i - 1]! + cost);
    }
    previous = current;
  }
  return 1 - previous[a.length]! / Math.max(a.length, b.length);
}

/**
 * Elasticsearch's suggestion for a mistyped name: candidates more than 50% similar, best first.
 * `prefix` differs by caller: " did you mean" for body fields, " -> did you mean" for URL parameters.
 */
export function didYouMean(unknown: string, candidates: Iterable<string>, prefix: string): string {
  const scored = [...candidates]
    .map((candidate) => ({ candidate, score: similarity(unknown, candidate) }))
    .filter((s) => s.score > 0.5)
    .sort((x, y) => y.score - x.score || (x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0))
    .map((s) => s.candidate);
  if (scored.length === 0) return "";
  return scored.length === 1 ? `${prefix} [${scored[0]}]?` : `${prefix} any of [${scored.join(", ")}]?`;
}
