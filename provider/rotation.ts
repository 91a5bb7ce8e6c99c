import { z } from "zod";
import { lifetimeProblem, parseDurationMs } from "../sdk";

/** A positive duration in Elasticsearch's syntax (`30d`); used by every resource that rotates on a schedule. */
export const rotateAfterSchema = z
  .string({ error: 'rotateAfter must be a duration string such as "30d"' })
  .refine((s) => parseDurationMs(s) !== undefined, 'rotateAfter must be a positive duration such as "30d" (units: ms, s, m, h, d)')
  .superRefine((s, ctx) => {
    const problem = lifetimeProblem("rotateAfter", s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** True once `rotateAfter` has elapsed since `since` (an ISO timestamp) — the moment preview shows a rotation. */
export function rotationDue(since: string | undefined, rotateAfter: string, nowMs: number): boolean {
  const interval = parseDurationMs(rotateAfter);
  const start = since === undefined ? Number.NaN : Date.parse(since);
  return interval !== undefined && interval > 0 && Number.isFinite(start) && start + interval <= nowMs;
}
