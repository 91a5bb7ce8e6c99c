// Shapes shared by the measurements, the table and bench/results.json.

export type Verdict = "PASS" | "MISS" | "INFO";

/** One line of the printed table. */
export interface Row {
  section: string;
  metric: string;
  value: string;
  /** The goal, as written in the table ("≤ 2 KB"); absent for informational rows. */
  goal?: string;
  verdict: Verdict;
  note?: string;
}

export interface SectionResult<T> {
  rows: Row[];
  data: T;
}

export function pass(ok: boolean): Verdict {
  return ok ? "PASS" : "MISS";
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function kb(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(2)} KB (${bytes} B)` : `${bytes} B`;
}
