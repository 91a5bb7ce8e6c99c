import { canonicalJson } from "../json";
import { formatElapsed, rotationDue } from "../rotation";
import { containsUnknown } from "../unknowns";

type Inputs = Record<string, unknown>;

/**
 * Computed inputs that make a scheduled rotation visible in preview. The engine shows a dynamic resource's update
 * as the difference of its old and new inputs, and a due `rotateAfter` changes no input — so without these a
 * rotation (which may revoke the key in use) previewed as a bare update naming nothing. Check adds:
 * - `rotationCountedFrom`: when the schedule started, i.e. the last rotation this resource made (set when check
 *   foresees a rotation — a create, changed triggers, a due schedule — and by refresh from `rotatedAt`; carried over
 *   otherwise). Check runs just before the rotation, so it is never later than `rotatedAt`.
 * - `rotationDue`: only while `rotateAfter` has elapsed since then, saying so and by how much. Diff and update
 *   rotate when it is present, so what preview shows is what `up` does.
 */
export function withRotationSchedule(olds: Inputs, news: Inputs, nowMs: number): Inputs {
  const { rotationDue: _due, rotationCountedFrom: _from, ...given } = news;
  const anchor = typeof olds.rotationCountedFrom === "string" ? olds.rotationCountedFrom : undefined;
  if (containsUnknown(news.clusterId) || containsUnknown(news.service) || containsUnknown(news.triggers) || containsUnknown(news.rotateAfter)) {
    return anchor ? { ...given, rotationCountedFrom: anchor } : given;
  }
  const nowIso = new Date(nowMs).toISOString();
  const rotatesAnyway = olds.clusterId !== news.clusterId || olds.service !== news.service || canonicalJson(olds.triggers ?? {}) !== canonicalJson(news.triggers ?? {});
  if (rotatesAnyway) return { ...given, rotationCountedFrom: nowIso };
  if (anchor && typeof news.rotateAfter === "string" && rotationDue(anchor, news.rotateAfter, nowMs)) {
    return { ...given, rotationCountedFrom: nowIso, rotationDue: describeDue(anchor, news.rotateAfter, nowMs) };
  }
  return anchor ? { ...given, rotationCountedFrom: anchor } : given;
}

function describeDue(anchor: string, rotateAfter: string, nowMs: number): string {
  return `rotateAfter (${rotateAfter}) has elapsed: ${formatElapsed(nowMs - Date.parse(anchor))} since the last rotation (${anchor}); up rotates the key`;
}
