/**
 * The emulator's own HTTP API on the Elasticsearch listener (/_emulator/*), for child processes and the demo that
 * cannot call the in-process API. Unauthenticated, not counted in stats, never faulted.
 */
import { z } from "zod";
import type { Clock } from "./clock";
import type { FaultRegistry } from "./faults";
import { jsonReply, type Reply } from "./reply";
import { Router } from "./router";
import type { ControlHandler, IncomingRequest } from "./server";
import type { CloudKeyStatus, EmulatorStats, FaultRule, Inventory, RequestRecord } from "./types";

const FaultSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("latency"), ms: z.number().nonnegative() }),
  z.strictObject({
    kind: z.literal("status"),
    status: z.number().int().min(100).max(599),
    retryAfter: z.union([z.number(), z.string()]).optional(),
    body: z.unknown().optional(),
  }),
  z.strictObject({ kind: z.literal("reset-before") }),
  z.strictObject({ kind: z.literal("reset-after") }),
  z.strictObject({ kind: z.literal("hang"), process: z.boolean().optional() }),
  z.strictObject({ kind: z.literal("malformed"), process: z.boolean().optional() }),
]);

/** A FaultRule as JSON: `path` is a string, a RegExp source when `regex` is true; `times` may be null or "Infinity". */
const FaultRuleSchema = z.strictObject({
  target: z.enum(["es", "cloud"]).optional(),
  method: z.string().optional(),
  path: z.string(),
  regex: z.boolean().optional(),
  contains: z.string().min(1).optional(),
  times: z.union([z.number().int().positive(), z.literal("Infinity"), z.null()]).optional(),
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  fault: FaultSchema,
});

const ClockSchema = z.union([z.strictObject({ advanceMs: z.number().nonnegative() }), z.strictObject({ setMs: z.number() })]);
const ClusterSchema = z.strictObject({ name: z.string().optional() });
const KeyStatusSchema = z.strictObject({ key: z.string() });

export interface ControlTarget {
  inventory(): Inventory;
  stats(): EmulatorStats;
  resetStats(): void;
  requests(): RequestRecord[];
  addCloudCluster(name?: string): string;
  cloudKeyStatus(key: string): CloudKeyStatus;
  faults: FaultRegistry;
  clock: Clock;
}

class BadRequest extends Error {}

function parse<T>(schema: z.ZodType<T>, body: string): T {
  let json: unknown;
  try {
    json = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    throw new BadRequest("body is not valid JSON");
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new BadRequest(result.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; "));
  }
  return result.data;
}

function toFaultRule(json: z.infer<typeof FaultRuleSchema>): FaultRule {
  const { regex, times, path, ...rest } = json;
  let pattern: string | RegExp = path;
  if (regex) {
    try {
      pattern = new RegExp(path);
    } catch (error) {
      throw new BadRequest(`path is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  return { ...rest, path: pattern, ...(times !== undefined && { times: times === null || times === "Infinity" ? Infinity : times }) };
}

export function createControl(target: ControlTarget): ControlHandler {
  type Handler = (request: IncomingRequest, params: Record<string, string>) => Reply;
  const router = new Router<Handler>()
    .add("GET", "/_emulator/inventory", () => jsonReply(200, target.inventory()))
    .add("GET", "/_emulator/stats", () => jsonReply(200, target.stats()))
    .add("DELETE", "/_emulator/stats", () => {
      target.resetStats();
      return jsonReply(200, target.stats());
    })
    .add("GET", "/_emulator/requests", () => jsonReply(200, target.requests()))
    .add("GET", "/_emulator/faults", () => jsonReply(200, target.faults.list()))
    .add("POST", "/_emulator/faults", (request) => {
      const handle = target.faults.inject(toFaultRule(parse(FaultRuleSchema, request.body)));
      return jsonReply(201, { id: handle.id });
    })
    .add("DELETE", "/_emulator/faults", () => {
      target.faults.clear();
      return jsonReply(200, { cleared: true });
    })
    .add("DELETE", "/_emulator/faults/{id}", (_request, params) =>
      target.faults.remove(params.id ?? "") ? jsonReply(200, { removed: true }) : jsonReply(404, { error: `no fault rule [${params.id}]` }),
    )
    .add("GET", "/_emulator/clock", () => jsonReply(200, { now: target.clock.now() }))
    .add("POST", "/_emulator/clock", (request) => {
      const change = parse(ClockSchema, request.body);
      if ("advanceMs" in change) target.clock.advance(change.advanceMs);
      else target.clock.set(change.setMs);
      return jsonReply(200, { now: target.clock.now() });
    })
    .add("POST", "/_emulator/cloud/clusters", (request) => {
      const { name } = parse(ClusterSchema, request.body);
      return jsonReply(201, { id: target.addCloudCluster(name) });
    })
    .add("POST", "/_emulator/cloud/key-status", (request) => {
      const { key } = parse(KeyStatusSchema, request.body);
      return jsonReply(200, { status: target.cloudKeyStatus(key) });
    });

  return (request) => {
    const resolution = router.resolve(request.method, request.pathname);
    if (resolution.kind === "no-handler") return jsonReply(404, { error: `unknown control endpoint [${request.pathname}]` });
    if (resolution.kind === "method-not-allowed") {
      return jsonReply(405, { error: `method [${request.method}] not allowed, allowed: [${resolution.allowed.join(", ")}]` });
    }
    try {
      return resolution.handler(request, resolution.params);
    } catch (error) {
      if (error instanceof BadRequest || error instanceof TypeError || error instanceof RangeError) {
        return jsonReply(400, { error: error.message });
      }
      throw error;
    }
  };
}
