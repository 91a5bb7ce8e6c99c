import { z } from "zod";
import { apiKeyNameSchema, codeUnitName, controlCharacterAt, loneSurrogateAt, notUtf8 } from "../sdk";

/**
 * Rules for text the provider sends that Elasticsearch would take but not as meant: ids and names with a stray line
 * break, index patterns that can match no index, text with no UTF-8 form. Stricter than Elasticsearch on purpose;
 * each message says what to change. None of them shows the text itself, so they are safe for secret values too.
 */

/** Elasticsearch's limit for a document id (`id [...] is too long, must be no longer than 512 bytes`); connector, API key and connector secret ids are document ids. */
export const MAX_DOCUMENT_ID_BYTES = 512;

/** Elasticsearch's limit for index (and alias, data stream) names, in UTF-8 bytes. */
export const MAX_INDEX_NAME_BYTES = 255;

/** `text` without trailing full stops and whitespace, so sentences can be joined without doubling a stop. */
export function stripStop(text: string): string {
  return text.replace(/[.\s]+$/, "");
}

/** A lone surrogate or a control character in `s`, as a message about `what`; `undefined` when there is none. */
export function hiddenCharacterProblem(what: string, s: string): string | undefined {
  const broken = loneSurrogateAt(s);
  if (broken >= 0) return notUtf8(what, s, broken);
  const control = controlCharacterAt(s);
  if (control >= 0)
    return `${what} contains a control character (${codeUnitName(s, control)} at position ${control}), such as a line break pasted with it: remove it`;
  return undefined;
}

/** The API key name: Elasticsearch's rules (the sdk's schema), and no control characters, which no one types on purpose. */
export const keyNameSchema = apiKeyNameSchema.superRefine((name, ctx) => {
  // Elasticsearch's own rule already refuses them at either end (Java's trim strips everything up to U+0020).
  const inner = name.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  const control = controlCharacterAt(inner);
  if (control >= 0)
    ctx.addIssue({ code: "custom", message: `api key name contains a control character (${codeUnitName(inner, control)}): remove it` });
});

/**
 * An id of something that already exists in Elasticsearch (a connector, an API key, a connector secret): a
 * non-empty string of at most {@link MAX_DOCUMENT_ID_BYTES} UTF-8 bytes, without whitespace or control characters
 * (Elasticsearch's generated ids have none, so one is a copy-and-paste slip), and not one of `reserved` — path
 * words Elasticsearch routes to another API when they stand where the id goes.
 */
export function documentIdSchema(field: string, what: string, reserved: readonly string[] = []) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required: ${what}` : `${field} must be a string: ${what}`) })
    .min(1, `${field} must not be empty: ${what}`)
    .superRefine((id, ctx) => {
      const problem = idProblem(field, id, reserved);
      if (problem) ctx.addIssue({ code: "custom", message: `${problem} (${what})` });
    });
}

function idProblem(field: string, id: string, reserved: readonly string[]): string | undefined {
  const hidden = hiddenCharacterProblem(field, id);
  if (hidden) return hidden;
  const space = /\s/.exec(id);
  if (space) return `${field} contains whitespace (at position ${space.index}); ids never do: remove it`;
  const bytes = Buffer.byteLength(id, "utf8");
  if (bytes > MAX_DOCUMENT_ID_BYTES) return `${field} is ${bytes} bytes long; Elasticsearch ids are at most ${MAX_DOCUMENT_ID_BYTES} bytes`;
  if (reserved.includes(id)) return `${field} ${JSON.stringify(id)} is a path word of Elasticsearch's own API, so requests for it would reach that API instead`;
  return undefined;
}

/** A regular expression pattern (`/…/`), which Elasticsearch matches as a Lucene regexp rather than a wildcard pattern. */
const isRegex = (pattern: string) => pattern.length >= 2 && pattern.startsWith("/") && pattern.endsWith("/");

/**
 * Why an index name or pattern of a privilege can never do what was meant, or `undefined`. Index names cannot
 * contain whitespace and are at most {@link MAX_INDEX_NAME_BYTES} bytes, so a wildcard pattern with whitespace or
 * with more than that many bytes besides its `*` can match no index. Regular expressions (`/…/`) are only checked
 * for hidden characters.
 */
export function indexPatternProblem(pattern: string): string | undefined {
  if (pattern === "") return "an index name or pattern must not be empty";
  const hidden = hiddenCharacterProblem("this index name or pattern", pattern);
  if (hidden || isRegex(pattern)) return hidden;
  const space = /\s/.exec(pattern);
  if (space) return `this index pattern contains whitespace (at position ${space.index}), which no index name can: remove it`;
  const bytes = Buffer.byteLength(pattern.replaceAll("*", ""), "utf8");
  if (bytes > MAX_INDEX_NAME_BYTES)
    return `this index pattern has ${bytes} bytes besides its wildcards; index names are at most ${MAX_INDEX_NAME_BYTES} bytes, so it can match no index`;
  return undefined;
}
