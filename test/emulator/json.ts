/**
 * A JSON parser that keeps Jackson's token positions, because Elasticsearch puts them in its parse errors
 * (`[1:23] [parser] unknown field [x]`): the line, and the 1-based column in UTF-8 bytes of the token's first
 * character (the opening quote for a field name). Like Elasticsearch, it reads the first value and ignores what
 * follows it.
 */

export type Token = "START_OBJECT" | "START_ARRAY" | "VALUE_STRING" | "VALUE_NUMBER" | "VALUE_BOOLEAN" | "VALUE_NULL";

export interface Location {
  line: number;
  column: number;
}

export interface JsonField {
  name: string;
  at: Location;
  value: JsonNode;
}

export type JsonNode =
  | { kind: "object"; token: "START_OBJECT"; at: Location; end: Location; fields: JsonField[] }
  | { kind: "array"; token: "START_ARRAY"; at: Location; end: Location; items: JsonNode[] }
  | { kind: "string"; token: "VALUE_STRING"; at: Location; value: string }
  | { kind: "number"; token: "VALUE_NUMBER"; at: Location; value: number; raw: string }
  | { kind: "boolean"; token: "VALUE_BOOLEAN"; at: Location; value: boolean }
  | { kind: "null"; token: "VALUE_NULL"; at: Location };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: Location,
  ) {
    super(message);
  }
}

const EXPECTED_VALUE = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

class Reader {
  private i = 0;
  private line = 1;
  private byte = 0;
  private lineStartByte = 0;

  constructor(private readonly text: string) {}

  location(): Location {
    return { line: this.line, column: this.byte - this.lineStartByte + 1 };
  }

  peek(): number {
    return this.i < this.text.length ? this.text.charCodeAt(this.i) : -1;
  }

  next(): number {
    const code = this.text.charCodeAt(this.i++);
    // UTF-8 width; each half of a surrogate pair counts 2 so the pair counts 4.
    this.byte += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
    if (code === 0x0a || (code === 0x0d && this.peek() !== 0x0a)) {
      this.line++;
      this.lineStartByte = this.byte;
    }
    return code;
  }

  skipWhitespace(): void {
    for (let c = this.peek(); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = this.peek()) this.next();
  }

  fail(message: string, at: Location = this.location()): never {
    throw new JsonSyntaxError(message, at);
  }

  unexpected(expectation: string): never {
    const c = this.peek();
    if (c < 0) this.fail(`Unexpected end-of-input: ${expectation}`);
    this.fail(`Unexpected character (${describe(c)}): ${expectation}`);
  }

  value(): JsonNode {
    this.skipWhitespace();
    const at = this.location();
    const c = this.peek();
    if (c === 0x7b) return this.object(at);
    if (c === 0x5b) return this.array(at);
    if (c === 0x22) return { kind: "string", token: "VALUE_STRING", at, value: this.string() };
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number(at);
    if (isWordChar(c)) return this.word(at);
    return this.unexpected(`expected a valid value ${EXPECTED_VALUE}`);
  }

  private object(at: Location): JsonNode {
    const startMarker = at;
    this.next();
    const fields: JsonField[] = [];
    const seen = new Set<string>();
    this.skipWhitespace();
    if (this.peek() === 0x7d) {
      const end = this.location();
      this.next();
      return { kind: "object", token: "START_OBJECT", at, end, fields };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() < 0) this.eof("Object", startMarker);
      if (this.peek() !== 0x22) this.unexpected("was expecting double-quote to start field name");
      const nameAt = this.location();
      const name = this.string();
      if (seen.has(name)) this.fail(`Duplicate field '${name}'`, nameAt);
      seen.add(name);
      this.skipWhitespace();
      if (this.peek() < 0) this.eof("Object", startMarker);
      if (this.peek() !== 0x3a) this.unexpected("was expecting a colon to separate field name and value");
      this.next();
      this.skipWhitespace();
      if (this.peek() < 0) this.eof("Object", startMarker);
      fields.push({ name, at: nameAt, value: this.value() });
      this.skipWhitespace();
      const c = this.peek();
      if (c === 0x2c) {
        this.next();
        continue;
      }
      if (c === 0x7d) {
        const end = this.location();
        this.next();
        return { kind: "object", token: "START_OBJECT", at, end, fields };
      }
      if (c < 0) this.eof("Object", startMarker);
      this.unexpected("was expecting comma to separate Object entries");
    }
  }

  private array(at: Location): JsonNode {
    this.next();
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.peek() === 0x5d) {
      const end = this.location();
      this.next();
      return { kind: "array", token: "START_ARRAY", at, end, items };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() < 0) this.eof("Array", at);
      items.push(this.value());
      this.skipWhitespace();
      const c = this.peek();
      if (c === 0x2c) {
        this.next();
        continue;
      }
      if (c === 0x5d) {
        const end = this.location();
        this.next();
        return { kind: "array", token: "START_ARRAY", at, end, items };
      }
      if (c < 0) this.eof("Array", at);
      this.unexpected("was expecting comma to separate Array entries");
    }
  }

  private eof(container: "Object" | "Array", start: Location): never {
    this.fail(
      `Unexpected end-of-input: expected close marker for ${container} (start marker at line: ${start.line}, column: ${start.column})`,
    );
  }

  private string(): string {
    this.next();
    let out = "";
    for (;;) {
      const c = this.peek();
      if (c < 0) this.fail("Unexpected end-of-input in a String value");
      if (c === 0x22) {
        this.next();
        return out;
      }
      if (c < 0x20) {
        this.fail(`Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped using backslash to be included in string value`);
      }
      this.next();
      if (c !== 0x5c) {
        out += String.fromCharCode(c);
        continue;
      }
      const e = this.peek();
      if (e < 0) this.fail("Unexpected end-of-input in character escape sequence");
      this.next();
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += "\\"; break;
        case 0x2f: out += "/"; break;
        case 0x62: out += "\b"; break;
        case 0x66: out += "\f"; break;
        case 0x6e: out += "\n"; break;
        case 0x72: out += "\r"; break;
        case 0x74: out += "\t"; break;
        case 0x75: {
          let hex = "";
          for (let k = 0; k < 4; k++) {
            if (!isHexDigit(this.peek())) this.unexpected("expected a hex-digit for character escape sequence");
            hex += String.fromCharCode(this.next());
          }
          out += String.fromCharCode(parseInt(hex, 16));
          break;
        }
        default:
          this.fail(`Unrecognized character escape (${describe(e)})`);
      }
    }
  }

  private number(at: Location): JsonNode {
    let raw = "";
    const take = (): void => {
      raw += String.fromCharCode(this.next());
    };
    const digits = (): number => {
      let n = 0;
      for (let c = this.peek(); c >= 0x30 && c <= 0x39; c = this.peek(), n++) take();
      return n;
    };
    if (this.peek() === 0x2d) {
      take();
      const c = this.peek();
      if (!(c >= 0x30 && c <= 0x39)) {
        this.unexpected("expected digit (0-9) to follow minus sign, for valid numeric value");
      }
    }
    if (this.peek() === 0x30) {
      take();
      const c = this.peek();
      if (c >= 0x30 && c <= 0x39) this.fail("Invalid numeric value: Leading zeroes not allowed", at);
    } else {
      digits();
    }
    if (this.peek() === 0x2e) {
      take();
      if (digits() === 0) this.unexpected("Decimal point not followed by a digit");
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      take();
      if (this.peek() === 0x2b || this.peek() === 0x2d) take();
      if (digits() === 0) this.unexpected("Exponent indicator not followed by a digit");
    }
    return { kind: "number", token: "VALUE_NUMBER", at, value: Number(raw), raw };
  }

  private word(at: Location): JsonNode {
    let word = "";
    while (isWordChar(this.peek())) word += String.fromCharCode(this.next());
    if (word === "true" || word === "false") return { kind: "boolean", token: "VALUE_BOOLEAN", at, value: word === "true" };
    if (word === "null") return { kind: "null", token: "VALUE_NULL", at };
    return this.fail(`Unrecognized token '${word}': was expecting ${EXPECTED_VALUE}`, at);
  }
}

function isWordChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Jackson's way of naming a character in an error: `'x' (code 120)` or `(CTRL-CHAR, code 10)`. */
function describe(code: number): string {
  return code >= 0x20 && code !== 0x7f ? `'${String.fromCharCode(code)}' (code ${code})` : `(CTRL-CHAR, code ${code})`;
}

/** Parses the first JSON value of `text`; throws JsonSyntaxError with Jackson-like messages. */
export function parseJson(text: string): JsonNode {
  return new Reader(text).value();
}

/** The plain JavaScript value of a node. */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const field of node.fields) out[field.name] = toPlain(field.value);
      return out;
    }
    case "array":
      return node.items.map(toPlain);
    case "null":
      return null;
    default:
      return node.value;
  }
}

/** Compact JSON of a node, keeping numbers as written (Elasticsearch stores a DLS query object as such a string). */
export function toCompactJson(node: JsonNode): string {
  switch (node.kind) {
    case "object":
      return `{${node.fields.map((f) => `${JSON.stringify(f.name)}:${toCompactJson(f.value)}`).join(",")}}`;
    case "array":
      return `[${node.items.map(toCompactJson).join(",")}]`;
    case "number":
      return node.raw;
    case "null":
      return "null";
    default:
      return JSON.stringify(node.value);
  }
}
