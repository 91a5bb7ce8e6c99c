// The readable report of an operation, in the spirit of the CLI's output: one line per step with its per-property
// diffs (inputs; __provider left out), replace reasons, a summary, the stack outputs and the errors. Values are
// display values already (secrets "[secret]"); free text (errors) comes masked as the caller wants it. The default
// provider's steps are not shown, as the CLI hides them.
import type { EngineError, Step, StepOp } from "./types";

export type OperationKind = "preview" | "up" | "preview-refresh" | "refresh" | "destroy";

const SYMBOL: Record<StepOp, string> = {
  create: "+",
  update: "~",
  replace: "+-",
  delete: "-",
  same: " ",
  // The CLI's prefixes for reads of existing resources (R: step.go RawPrefix); a refresh's unchanged read is " ".
  read: ">",
  "read-replacement": ">>",
  discard: "<",
  "refresh-gone": "-",
  "refresh-drift": "~",
};

const TITLE: Record<OperationKind, string> = {
  preview: "Previewing update",
  "preview-refresh": "Previewing refresh",
  up: "Updating",
  refresh: "Refreshing",
  destroy: "Destroying",
};

const MAX_VALUE = 120;

function show(v: unknown): string {
  if (v === undefined) return "(none)";
  const text = typeof v === "string" && (v === "[secret]" || v === "[unknown]") ? v : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const REFRESHES: readonly OperationKind[] = ["refresh", "preview-refresh"];

/** Reads, discards and read-replacements are left out, as the CLI's summary leaves them out (R: display/diff.go). */
function summary(kind: OperationKind, steps: Step[]): string {
  const count = new Map<StepOp, number>();
  for (const s of steps) {
    if (s.error || s.op === "discard" || (s.op === "read" && !REFRESHES.includes(kind))) continue;
    const op = s.op === "read-replacement" ? "replace" : s.op; // counted as the replace step that goes with it
    count.set(op, (count.get(op) ?? 0) + 1);
  }
  const future = kind === "preview" || kind === "preview-refresh";
  const words: [StepOp, string, string][] = [
    ["create", "to create", "created"],
    ["update", "to update", "updated"],
    ["replace", "to replace", "replaced"],
    ["delete", "to delete", "deleted"],
    ["refresh-drift", "drifted", "drifted"],
    ["refresh-gone", "gone", "gone"],
    ["read", "unchanged", "unchanged"],
    ["same", "unchanged", "unchanged"],
  ];
  const parts: string[] = [];
  for (const [op, f, p] of words) {
    const n = count.get(op);
    if (n) parts.push(`${n} ${future ? f : p}`);
  }
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

export function renderReport(o: {
  kind: OperationKind;
  project: string;
  stack: string;
  steps: Step[];
  errors: EngineError[];
  outputs?: Record<string, unknown>;
  /** The provider hosts' output lines (masked as the caller wants). */
  diagnostics?: readonly string[];
}): string {
  const lines: string[] = [`${TITLE[o.kind]} (${o.project}/${o.stack}):`];
  for (const s of o.steps) {
    const reasons = s.replaceReasons.length > 0 ? ` [replace because: ${s.replaceReasons.join(", ")}]` : "";
    const failed = s.error ? " **failed**" : "";
    const symbol = s.op === "read" && REFRESHES.includes(o.kind) ? " " : SYMBOL[s.op];
    lines.push(`  ${symbol.padEnd(2)} ${s.op.padEnd(13)} ${s.type} ${s.name}${reasons}${failed}`);
    if (s.op !== "same" && s.op !== "read" && s.op !== "read-replacement" && s.op !== "discard") {
      for (const diff of s.diffs) {
        const change = s.op === "create" ? show(diff.new) : `${show(diff.old)} → ${show(diff.new)}`;
        lines.push(`        ${diff.property}: ${change}`);
      }
    }
  }
  lines.push(...diagnosticsSection(o.project, o.stack, o.diagnostics ?? []));
  lines.push("", `Resources: ${summary(o.kind, o.steps)}`);
  const outputs = Object.entries(o.outputs ?? {});
  if (outputs.length > 0) {
    lines.push("", "Outputs:");
    for (const [k, v] of outputs) lines.push(`    ${k}: ${show(v)}`);
  }
  if (o.errors.length > 0) {
    lines.push("", "Errors:");
    for (const e of o.errors) lines.push(`  error: ${e.message}`);
    lines.push("", `${o.kind} failed`);
  }
  return lines.join("\n");
}

/**
 * Host output as the CLI prints it (pulumi 3.248 `plugin.go` runtrace, `display/progress.go` printDiagnostics): each
 * line that is not blank becomes a diagnostic of no resource, which the display files under the stack; a host's
 * stream is merged into one message, printed indented under `pulumi:pulumi:Stack (<project>-<stack>):` and followed
 * by a blank line (the one before `Resources:` here), with no severity prefix of its own (a `warning:` is the line's own text). One block for the
 * operation: the engine's operations start one host each in practice, and the CLI's order between two hosts'
 * streams is that of a Go map, i.e. none.
 */
function diagnosticsSection(project: string, stack: string, hostLines: readonly string[]): string[] {
  const shown = hostLines.filter((line) => line.trim() !== "").map((line) => `    ${line.trimEnd()}`);
  if (shown.length === 0) return [];
  return ["Diagnostics:", `  pulumi:pulumi:Stack (${project}-${stack}):`, ...shown];
}
