/** Fault injection rules: which requests misbehave, how often, and how. */
import type { Fault, FaultHandle, FaultRule, Target } from "./types";

interface ActiveRule {
  id: string;
  rule: FaultRule;
  remaining: number;
  hits: number;
  random: () => number;
}

export interface FaultRuleSummary {
  id: string;
  target?: Target;
  method?: string;
  path: string;
  regex: boolean;
  contains?: string;
  probability: number;
  /** null when unlimited. */
  remaining: number | null;
  hits: number;
  fault: Fault;
}

/** mulberry32: tiny, fast and good enough to make probabilistic faults reproducible from a seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = new Set(["latency", "status", "reset-before", "reset-after", "hang", "malformed"]);

function validate(rule: FaultRule): void {
  if (typeof rule.path !== "string" && !(rule.path instanceof RegExp)) throw new TypeError("fault rule: path must be a string or a RegExp");
  const times = rule.times ?? 1;
  if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) throw new TypeError(`fault rule: times must be a positive integer or Infinity, got ${times}`);
  const probability = rule.probability ?? 1;
  if (!(probability >= 0 && probability <= 1)) throw new TypeError(`fault rule: probability must be within 0..1, got ${probability}`);
  if (rule.contains !== undefined && (typeof rule.contains !== "string" || rule.contains === "")) throw new TypeError("fault rule: contains must be a non-empty string");
  if (rule.target !== undefined && rule.target !== "es" && rule.target !== "cloud") throw new TypeError(`fault rule: unknown target ${String(rule.target)}`);
  const fault = rule.fault as Fault | undefined;
  if (!fault || !KINDS.has(fault.kind)) throw new TypeError(`fault rule: unknown fault kind ${String(fault?.kind)}`);
  if (fault.kind === "latency" && !(Number.isFinite(fault.ms) && fault.ms >= 0)) throw new TypeError("fault rule: latency needs ms >= 0");
  if (fault.kind === "status" && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
    throw new TypeError("fault rule: status needs an HTTP status code");
  }
  if (fault.kind === "status" && fault.headers !== undefined && !Object.values(fault.headers).every((v) => typeof v === "string")) {
    throw new TypeError("fault rule: headers must map names to strings");
  }
}

export class FaultRegistry {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  inject(rule: FaultRule): FaultHandle & { readonly id: string } {
    validate(rule);
    const active: ActiveRule = {
      id: String(this.nextId++),
      rule: { ...rule },
      remaining: rule.times ?? 1,
      hits: 0,
      random: seededRandom(rule.seed ?? Math.floor(this.random() * 2 ** 32)),
    };
    this.rules.push(active);
    return {
      id: active.id,
      remove: () => this.remove(active.id),
      get hits() {
        return active.hits;
      },
    };
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * The fault for this request, if a rule fires (first matching rule whose dice roll succeeds). `uri` (path and
   * query) and `body` serve rules with `contains`.
   */
  take(target: Target, method: string, pathname: string, uri = pathname, body = ""): Fault | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.target !== undefined && rule.target !== target) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (typeof rule.path === "string" ? rule.path !== pathname : !matchesRegExp(rule.path, pathname)) continue;
      if (rule.contains !== undefined && !uri.includes(rule.contains) && !body.includes(rule.contains)) continue;
      if (active.random() >= (rule.probability ?? 1)) continue;
      active.hits++;
      active.remaining--;
      if (active.remaining <= 0) this.remove(active.id);
      return rule.fault;
    }
    return undefined;
  }

  list(): FaultRuleSummary[] {
    return this.rules.map(({ id, rule, remaining, hits }) => ({
      id,
      ...(rule.target !== undefined && { target: rule.target }),
      ...(rule.method !== undefined && { method: rule.method }),
      path: typeof rule.path === "string" ? rule.path : rule.path.source,
      regex: rule.path instanceof RegExp,
      ...(rule.contains !== undefined && { contains: rule.contains }),
      probability: rule.probability ?? 1,
      remaining: remaining === Infinity ? null : remaining,
      hits,
      fault: rule.fault,
    }));
  }
}

function matchesRegExp(pattern: RegExp, pathname: string): boolean {
  // A global or sticky RegExp keeps state between test() calls; matching must not depend on history.
  pattern.lastIndex = 0;
  return pattern.test(pathname);
}

/**
 * A 404 from something in front of the API, not from Elasticsearch or Elastic Cloud: the body an ingress-nginx
 * default backend sends (`kind: "text"`), or a load balancer's HTML page (`kind: "html"`), without any Elastic
 * header. It says nothing about whether the object exists: nothing may treat it as "gone".
 */
export function proxyNotFound(kind: "text" | "html" = "html"): Fault {
  return kind === "text"
    ? { kind: "status", status: 404, body: "default backend - 404", headers: { "content-type": "text/plain; charset=utf-8" } }
    : {
        kind: "status",
        status: 404,
        body: "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        headers: { "content-type": "text/html" },
      };
}
