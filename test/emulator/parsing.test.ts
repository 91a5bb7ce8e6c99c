import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration";
import { EsError } from "./errors";
import { JsonSyntaxError, parseJson, toCompactJson } from "./json";
import { didYouMean, field, ObjectParser } from "./xcontent";

describe("JSON positions (Jackson's [line:column], columns in UTF-8 bytes)", () => {
  const parser = new ObjectParser("p", { name: field.string() });
  const reasonFor = (text: string): string => {
    try {
      parser.parse(parseJson(text));
    } catch (error) {
      if (error instanceof EsError) return error.reason;
    }
    throw new Error("expected a parse error");
  };

  it("points at the opening quote of an unknown field", () => {
    expect(reasonFor('{"x":1}')).toBe("[1:2] [p] unknown field [x]");
    expect(reasonFor('{ "name" : "a",  "x":1}')).toBe("[1:18] [p] unknown field [x]");
    expect(reasonFor('{\n\t"x": 1\n}')).toBe("[2:2] [p] unknown field [x]");
    expect(reasonFor('{"name":"a"\r\n,"x":1}')).toBe("[2:2] [p] unknown field [x]");
  });

  it("counts multi-byte characters in bytes", () => {
    expect(reasonFor('{"name":"é","x":1}')).toBe("[1:14] [p] unknown field [x]");
    expect(reasonFor('{"name":"😀","x":1}')).toBe("[1:16] [p] unknown field [x]");
  });

  it("points at the value for type errors", () => {
    expect(reasonFor('{"name": true}')).toBe("[1:10] [p] name doesn't support values of type: VALUE_BOOLEAN");
  });

  it("reports syntax errors with Jackson-like messages", () => {
    expect(() => parseJson('{"a" 1}')).toThrow(JsonSyntaxError);
    expect(() => parseJson('{"a":tru}')).toThrow("Unrecognized token 'tru'");
    expect(() => parseJson('{"a":01}')).toThrow("Leading zeroes not allowed");
    expect(() => parseJson('{"a":"\u0001"}')).toThrow("Illegal unquoted character ((CTRL-CHAR, code 1))");
    expect(() => parseJson('[1,]')).toThrow("Unexpected character (']' (code 93))");
  });

  it("keeps numbers as written in compact JSON", () => {
    expect(toCompactJson(parseJson('{ "a" : [ 1.50, -0, 1e3 ], "b": "\\u00e9" }'))).toBe('{"a":[1.50,-0,1e3],"b":"é"}');
  });
});

describe("did-you-mean suggestions (Lucene Levenshtein, > 0.5 similarity)", () => {
  it("suggests close names, best first", () => {
    expect(didYouMean("nmae", ["name"], " did you mean")).toBe("");
    expect(didYouMean("namee", ["name", "access"], " did you mean")).toBe(" did you mean [name]?");
    expect(didYouMean("id", ["ids", "name"], " did you mean")).toBe(" did you mean [ids]?");
    expect(didYouMean("api_key_i", ["api_key_id", "api_key_idx"], " did you mean")).toBe(" did you mean any of [api_key_id, api_key_idx]?");
  });
});

describe("durations (TimeValue)", () => {
  it("parses every unit case-insensitively, and 0 / -1", () => {
    expect(parseDuration("1d", "e")).toBe(86_400_000);
    expect(parseDuration("3H", "e")).toBe(10_800_000);
    expect(parseDuration(" 10s ", "e")).toBe(10_000);
    expect(parseDuration("15ms", "e")).toBe(15);
    expect(parseDuration("0", "e")).toBe(0);
    expect(parseDuration("000", "e")).toBe(0);
    expect(parseDuration("-1", "e")).toBe(-1);
    expect(parseDuration("-1d", "e")).toBe(-86_400_000);
  });

  it("throws Elasticsearch's messages", () => {
    expect(() => parseDuration("", "expiration")).toThrow("failed to parse setting [expiration] with value [] as a time value: unit is missing or unrecognized");
    expect(() => parseDuration("-2s", "expiration")).toThrow("negative durations are not supported");
    expect(() => parseDuration("d", "expiration")).toThrow("failed to parse [d]");
  });
});
