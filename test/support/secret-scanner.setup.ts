// The suite-wide secret scanner (issue #8), a vitest setup file: at the end of every test it searches everything
// produced since its previous scan for every secret any emulator of this worker issued or accepted, and fails the
// test on a find. Searched: every engine operation's report, errors, steps and outputs, its log lines (host output
// included) and the raw state files it left (ciphertext only; `__provider` is plaintext there, so this also proves
// it carries no credential), everything the worker printed, the test's own errors, and whatever a test handed over
// with scanArtifact (child processes' output). Leftovers of beforeAll/afterAll hooks fail the file instead.
import type { Writable } from "node:stream";
import { afterAll, beforeEach, type RunnerTestFile, type RunnerTestSuite, type TestError } from "vitest";
import { addFigures } from "./figures";
import { scanArtifact, secretSources, startCollecting, takeArtifacts } from "./secret-registry";
import { type Artifact, describeFinds, type Needle, needlesOf, redact, scan } from "./secret-scan";

const TEED = Symbol.for("pulumi-elastic-keys/secret-scanner-teed");
/** Labels of too-short secrets already reported (see currentNeedles). */
const reportedShort = new Set<string>();

startCollecting();
captureOutput();

// Registered here, before any test's own hooks, so that it runs after all of them (vitest runs onTestFinished
// handlers last-registered first): the test's cleanup output and every error it ended with are in.
beforeEach(({ onTestFinished }) => {
  onTestFinished(({ task }) => {
    const { needles, tooShort } = currentNeedles();
    const errors = task.result?.errors ?? [];
    const artifacts = [...takeArtifacts(), ...errors.map((e) => errorArtifact("error message of the test", e))];
    const hits = scan(artifacts, needles);
    addFigures({ secretScans: 1, secretHits: hits.length }, task);
    // vitest prints the test's errors after this handler: they must not carry the secret to the terminal.
    if (hits.length > 0) for (const e of errors) redactError(e, needles);
    if (hits.length > 0 || tooShort.length > 0) throw new Error(describeFinds(hits, tooShort));
  });
});

// What beforeAll/afterAll hooks produced (a stack deployed for the whole file and destroyed at its end) belongs to
// no test: it is scanned when the file ends, and a find fails the file. Registered first, this runs last.
afterAll(({}, suite) => {
  const { needles, tooShort } = currentNeedles();
  const suiteErrors = suitesOf(suite).flatMap((s) => s.result?.errors ?? []);
  const artifacts = [...takeArtifacts(), ...suiteErrors.map((e) => errorArtifact("error message of a beforeAll/afterAll hook", e))];
  const hits = scan(artifacts, needles);
  if (hits.length > 0) for (const e of suiteErrors) redactError(e, needles);
  if (hits.length > 0 || tooShort.length > 0) throw new Error(describeFinds(hits, tooShort));
});

/** The needles of every emulator so far; a too-short secret is reported once, by the scan that first meets it. */
function currentNeedles(): { needles: Needle[]; tooShort: string[] } {
  const { needles, tooShort } = needlesOf(secretSources());
  const fresh = tooShort.filter((label) => !reportedShort.has(label));
  for (const label of fresh) reportedShort.add(label);
  return { needles, tooShort: fresh };
}

function errorArtifact(label: string, error: TestError): Artifact {
  // message, stack, diff, actual/expected and causes: all of it may be printed.
  return { label, text: JSON.stringify(error) };
}

function redactError(error: Record<string, unknown>, needles: Needle[], depth = 0): void {
  if (depth > 5) return; // errors nest through `cause` only a few levels deep; this bounds a cycle
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === "string") error[key] = redact(value, needles);
    else if (typeof value === "object" && value !== null) redactError(value as Record<string, unknown>, needles, depth + 1);
  }
}

function suitesOf(suite: Readonly<RunnerTestSuite | RunnerTestFile>): Readonly<RunnerTestSuite | RunnerTestFile>[] {
  return [suite, ...suite.tasks.flatMap((t) => (t.type === "suite" ? suitesOf(t) : []))];
}

/**
 * Everything printed in this worker: vitest's console (whose streams forward to the main process) and the
 * process's own stdout/stderr (piped to vitest's output). Each chunk is kept for the scan and goes out with any
 * known secret already removed, so a leak fails the test without also reaching the terminal.
 */
function captureOutput(): void {
  // Node's Console writes through its `_stdout`/`_stderr` streams; wrapping them sees the formatted text of every
  // method (log, table, dir, trace…), with vitest's own stream kept as the destination.
  const streams = console as unknown as { _stdout?: Writable; _stderr?: Writable };
  if (!streams._stdout || !streams._stderr) throw new Error("secret scanner: cannot capture console output (console has no _stdout/_stderr)");
  tee(streams._stdout, "console output");
  tee(streams._stderr, "console output");
  tee(process.stdout, "process.stdout");
  tee(process.stderr, "process.stderr");
}

function tee(stream: NodeJS.WritableStream & { [TEED]?: true }, label: string): void {
  if (stream[TEED]) return; // a worker that runs several files loads this setup file once per file
  stream[TEED] = true;
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  // `write` has overloads a wrapper cannot restate one by one; the chunk is all it looks at.
  stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk !== "string" && !(chunk instanceof Uint8Array)) return write(chunk, ...rest);
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    scanArtifact(label, text);
    const { needles } = needlesOf(secretSources());
    const cleaned = redact(text, needles);
    return write(cleaned === text ? chunk : cleaned, ...rest);
  }) as typeof stream.write;
}
