const printed = new Set<string>();

/**
 * Writes `line` to the host's stderr, once per host process for each `key`. The CLI shows every line a dynamic
 * provider's host writes to stderr as a diagnostic of the stack (under "Diagnostics:", with no severity of its
 * own: the line's `warning:` is what the user reads), and a host process serves one deployment — a preview, or an
 * update — so this is once per subject and operation however often the engine calls check or diff.
 */
export function warnOnce(key: string, line: string): void {
  if (printed.has(key)) return;
  printed.add(key);
  process.stderr.write(`${line}\n`);
}
