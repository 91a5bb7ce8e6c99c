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

/** `31d 2h`, `30d 1m`, `40s`: the two largest units that are not zero. */
export function formatElapsed(ms: number): string {
  const units: Array<[string, number]> = [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000]];
  const parts: string[] = [];
  let rest = Math.max(0, ms);
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.slice(0, 2).join(" ") || "0s";
}
