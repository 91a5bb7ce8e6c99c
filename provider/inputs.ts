import type { z } from "zod";
import { formatIssuePath } from "../sdk";
import { type CheckFailure, toCheckFailures } from "./checkFailures";
import type { ConnectionInput } from "./connection";
import { connectionCheckFailures } from "./credentials";
import { containsUnknown } from "./unknowns";

/**
 * `check()` for a resource whose rules are all in its input schema: the schema's issues (minus those touching
 * values not known yet), then the connection settings, once they are known. Sends no request.
 */
export function checkAgainst(schema: z.ZodType<{ connection?: ConnectionInput }>, news: Record<string, unknown>): CheckFailure[] {
  const parsed = schema.safeParse(news);
  if (!parsed.success) return toCheckFailures(parsed.error.issues, news);
  if (containsUnknown(news.connection)) return [];
  return connectionCheckFailures(parsed.data.connection, "elasticsearch");
}

/**
 * Inputs for create/update. Check has already validated them, but the host can be driven by older state or a
 * different engine, so they are parsed again rather than trusted — naming paths, never echoing values (they may
 * hold secrets).
 */
export function parseInputs<S extends z.ZodType>(schema: S, news: unknown): z.infer<S> {
  const parsed = schema.safeParse(news);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => `${formatIssuePath(i.path) || "(inputs)"}: ${i.message}`).join("; ");
  throw new Error(`invalid inputs (${where})`);
}
