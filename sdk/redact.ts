/**
 * Keeps credentials and key material out of everything an error carries.
 *
 * Errors are logged, serialized into Pulumi diagnostics and shown in CI output, so nothing that reaches an error
 * may contain a secret. The sdk never copies secret values into errors on purpose; the redactor is the second line
 * of defence for text written by someone else (a server's `reason`, a socket error's message) that might echo one.
 */

const REDACTED = "[REDACTED]";

/** Replaces every occurrence of known secret strings with `[REDACTED]`. Immutable; `with()` returns a copy. */
export class Redactor {
  readonly #secrets: readonly string[];

  constructor(secrets: Iterable<string | undefined> = []) {
    const unique = new Set<string>();
    for (const s of secrets) if (s) unique.add(s);
    // Longest first, so that a secret containing another one is replaced whole.
    this.#secrets = [...unique].sort((a, b) => b.length - a.length);
  }

  /** A redactor that also hides `extra` (e.g. a secret value sent in one request body). */
  with(extra: Iterable<string | undefined>): Redactor {
    return new Redactor([...this.#secrets, ...extra]);
  }

  /** `text` with every known secret replaced. */
  text(text: string): string {
    let out = text;
    for (const s of this.#secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }
}

/**
 * The only form in which a foreign error (undici, node:net, node:tls) may become the `cause` of an sdk error: its
 * name, code and redacted message, nothing else. Undici errors can hold sockets, request options and headers; none
 * of that is kept.
 */
export class SanitizedCause extends Error {
  /** The original error's `code` (e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`), when it had one. */
  readonly code: string | undefined;

  constructor(name: string, code: string | undefined, message: string, cause?: SanitizedCause) {
    super(message, cause ? { cause } : undefined);
    this.name = name;
    this.code = code;
    // The stack of the original pointed into undici internals and is not useful; keep ours short and predictable.
    this.stack = `${name}${code ? ` [${code}]` : ""}: ${message}`;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** Copies the safe parts of any thrown value, following `cause` a few levels deep. */
export function sanitizeCause(err: unknown, redactor: Redactor, depth = 0): SanitizedCause {
  if (err instanceof SanitizedCause) return err;
  if (!(err instanceof Error)) return new SanitizedCause("Error", undefined, redactor.text(String(err)));
  const rawCode: unknown = (err as Error & { code?: unknown }).code;
  const code = typeof rawCode === "string" ? rawCode : undefined;
  const inner = err.cause !== undefined && depth < 3 ? sanitizeCause(err.cause, redactor, depth + 1) : undefined;
  // Node reports a failed multi-address connect (happy eyeballs) as an AggregateError with an empty message.
  const nested = (err as { errors?: unknown }).errors;
  const message =
    err.message || (Array.isArray(nested) ? nested.map((e) => (e instanceof Error ? e.message : String(e))).join("; ") : "");
  return new SanitizedCause(err.name, code, redactor.text(message), inner);
}
