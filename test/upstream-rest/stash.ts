/** The YAML runner's stash: `$name` replaces a whole value, `${name}` is replaced inside strings. */

export class Stash {
  private readonly values = new Map<string, unknown>();
  /** The last response body, reachable as `$body`. */
  body: unknown;

  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }

  get(name: string): unknown {
    if (name === "body") return this.body;
    if (name.startsWith("body.")) return valueAt(this.body, name.slice("body.".length), this);
    if (!this.values.has(name)) throw new Error(`stash has no value [${name}]`);
    return this.values.get(name);
  }

  /** Replaces stash references everywhere in a value (deeply, keys included). */
  replace(value: unknown): unknown {
    if (typeof value === "string") {
      const whole = /^\$(\w+|\{[\w.]+\})$/.exec(value);
      if (whole) return this.get(whole[1]!.replace(/^\{|\}$/g, ""));
      return value.replace(/\$\{([\w.]+)\}/g, (_, name: string) => String(this.get(name)));
    }
    if (Array.isArray(value)) return value.map((v) => this.replace(v));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.replace(k) as string, this.replace(v)]));
    }
    return value;
  }
}

/** `a.b.0.c` into a response; `\.` escapes a dot; a `$x` segment is a stashed key. `""`/`$body` is the whole body. */
export function valueAt(root: unknown, path: string, stash: Stash): unknown {
  if (path === "" || path === "$body") return root;
  const segments = path.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, "."));
  let current: unknown = root;
  for (const raw of segments) {
    const segment = raw.startsWith("$") ? String(stash.replace(raw)) : raw;
    if (Array.isArray(current)) current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
    else if (typeof current === "object" && current !== null) current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}
