// The printed table: one line per figure, grouped by section, the goal and PASS/MISS next to each figure.
import type { Row } from "./types";

const HEADERS = ["metric", "value", "goal", "result", "note"] as const;

/** Rows in the order (sections are numbered), whatever order the measurements ran in. */
function ordered(rows: readonly Row[]): Row[] {
  const rank = (r: Row) => Number.parseInt(r.section, 10) || 0;
  return rows.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
}

export function renderTable(unordered: readonly Row[]): string {
  const rows = ordered(unordered);
  const cells = rows.map((r) => [`  ${r.metric}`, r.value, r.goal ?? "", r.verdict === "INFO" ? "" : r.verdict, r.note ?? ""]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === HEADERS.length - 1 ? 0 : c[i]!.length))));
  const line = (c: readonly string[]) =>
    c
      .map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]!)))
      .join(" | ")
      .trimEnd();
  const out: string[] = [line(HEADERS), widths.map((w, i) => "-".repeat(i === HEADERS.length - 1 ? 4 : w)).join("-|-")];
  let section: string | undefined;
  rows.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      out.push(r.section);
    }
    out.push(line(cells[i]!));
  });
  return out.join("\n");
}
