// The secret scanner is not a no-op: its search finds planted secrets in every kind of artifact and names them
// without revealing them, the engine hands it its state files, and a real vitest run that prints a password fails.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CrossClusterApiKey } from "../../provider";
import { observeEngine, scanArtifact, secretSources, takeArtifacts } from "./secret-registry";
import { describeFinds, MIN_SECRET_LENGTH, needlesOf, redact, scan, type SecretSource } from "./secret-scan";
import { REPO_ROOT, startTestStack } from "./stack";

const random = (bytes: number): string => randomBytes(bytes).toString("base64url");

/** Shaped like the emulator's, with values as random as its own. */
function fakeEmulator(extra: string[] = []): SecretSource & { credentials: { superuser: { username: string; password: string }; bearerToken: string; restApiKey: { id: string; api_key: string; encoded: string } } } {
  const id = random(15);
  const apiKey = random(16);
  const credentials = {
    superuser: { username: "elastic", password: random(18) },
    bearerToken: randomBytes(45).toString("base64"),
    restApiKey: { id, api_key: apiKey, encoded: Buffer.from(`${id}:${apiKey}`).toString("base64") },
  };
  const issued = [credentials.superuser.password, credentials.bearerToken, apiKey, credentials.restApiKey.encoded, ...extra];
  return { credentials, issuedSecrets: () => [...issued] };
}

/** Every run of `length` characters of the secret (what "no part of it" is checked against). */
function parts(secret: string, length = 6): string[] {
  return Array.from({ length: secret.length - length + 1 }, (_, i) => secret.slice(i, i + length));
}

describe("the search", () => {
  it("finds a password in a state-file-like text, by name and fingerprint only", () => {
    const e = fakeEmulator();
    const state = JSON.stringify({ resources: [{ urn: "urn:pulumi:dev::p::elastic:index:Key::k", inputs: { __provider: `exports.handler = { password: "${e.credentials.superuser.password}" }` } }] });
    const hits = scan([{ label: "state file /tmp/x/dev.json", text: state }], needlesOf([e]).needles);
    expect(hits).toEqual([{ artifact: "state file /tmp/x/dev.json", secret: expect.stringMatching(/^superuser\.password \(sha256 [0-9a-f]{8}\)$/) }]);
    const message = describeFinds(hits);
    expect(message).toContain("superuser.password");
    expect(message).toContain("state file /tmp/x/dev.json");
    for (const part of parts(e.credentials.superuser.password)) expect(message).not.toContain(part);
  });

  it("finds nothing in a state file whose secrets are ciphertext", () => {
    const e = fakeEmulator();
    const state = JSON.stringify({ password: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: `v1:${random(48)}` } });
    expect(scan([{ label: "state file", text: state }], needlesOf([e]).needles)).toEqual([]);
  });

  it("finds a bearer token in a console line, also URL-encoded", () => {
    const e = fakeEmulator();
    const { needles } = needlesOf([e]);
    const line = `GET /?token=${encodeURIComponent(e.credentials.bearerToken)} 200\n`;
    const hits = scan([{ label: "console output", text: `Authorization: Bearer ${e.credentials.bearerToken}\n` }, { label: "host log", text: line }], needles);
    expect(hits.map((h) => `${h.artifact}: ${h.secret.replace(/ \(sha256 [0-9a-f]{8}\)/, "")}`).sort()).toEqual(
      ["console output: bearerToken", encodeURIComponent(e.credentials.bearerToken) === e.credentials.bearerToken ? "host log: bearerToken" : "host log: bearerToken, URL-encoded"].sort(),
    );
  });

  it("finds an encoded API key and an issued key's secret in an error message", () => {
    const issuedKey = random(16);
    const e = fakeEmulator([issuedKey]);
    const error = JSON.stringify({ message: `request failed with ApiKey ${e.credentials.restApiKey.encoded} (key ${issuedKey})`, stack: "Error: …" });
    const found = scan([{ label: "error message of the test", text: error }], needlesOf([e]).needles).map((h) => h.secret);
    expect(found).toEqual([expect.stringMatching(/^restApiKey\.encoded /), expect.stringMatching(/^issued secret /)]);
  });

  it("finds the Basic header form of a user's password", () => {
    const e = fakeEmulator();
    const { username, password } = e.credentials.superuser;
    const header = `authorization: Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
    expect(header).not.toContain(password);
    const hits = scan([{ label: "host log", text: header }], needlesOf([e]).needles);
    expect(hits.map((h) => h.secret)).toEqual([expect.stringMatching(/^superuser as Basic credentials \(sha256 [0-9a-f]{8}\)$/)]);
  });

  it("counts a secret once per artifact however often it occurs, and redacts every occurrence", () => {
    const e = fakeEmulator();
    const p = e.credentials.superuser.password;
    const { needles } = needlesOf([e]);
    expect(scan([{ label: "console output", text: `${p} ${p} ${p}` }], needles)).toHaveLength(1);
    expect(redact(`a ${p} b ${p}`, needles)).toBe("a [secret removed by the secret scanner] b [secret removed by the secret scanner]");
  });

  it(`reports a secret shorter than ${MIN_SECRET_LENGTH} characters instead of searching for it`, () => {
    const atLimit = "x".repeat(MIN_SECRET_LENGTH);
    const { needles, tooShort } = needlesOf([fakeEmulator(["v", atLimit])]);
    expect(tooShort).toEqual([expect.stringMatching(/^issued secret \(sha256 [0-9a-f]{8}\)$/)]);
    expect(needles.some((n) => n.text === "v")).toBe(false);
    expect(needles.some((n) => n.text === atLimit)).toBe(true);
    expect(describeFinds([], tooShort)).toMatch(/shorter than 8 characters/);
  });
});

describe("the registry", () => {
  it("takes an engine's state files as they are when its operation ends", () => {
    // This test consumes the scanner's pending artifacts to look at them; it hands them back for its own scan.
    const mine = takeArtifacts();
    const dir = mkdtempSync(path.join(tmpdir(), "secret-registry-"));
    try {
      writeFileSync(path.join(dir, "dev.json"), '{"planted":"state text"}');
      observeEngine(() => dir).operated("up", { ok: true, steps: [], errors: [{ message: "an error" }], report: "the report", outputs: { a: "[secret]" } });
      observeEngine(() => path.join(dir, "gone")).operated("destroy", { ok: true, steps: [], errors: [], report: "", outputs: undefined });
      const taken = takeArtifacts();
      mine.push(...taken);
      expect(taken.map((a) => a.label)).toEqual(["up report", "up error messages", "up steps", "up stack outputs", `state file ${path.join(dir, "dev.json")}`, "destroy error messages", "destroy steps", "destroy stack outputs"]);
      expect(taken.find((a) => a.label.startsWith("state file"))?.text).toBe('{"planted":"state text"}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      for (const a of mine) scanArtifact(a.label, a.text);
    }
  });
});

describe("an engine run against the emulator", () => {
  it("hands over its report, log lines and state file, whose __provider and key material hold no secret", async () => {
    const mine = takeArtifacts(); // looked at here, handed back for this test's own scan
    const stack = await startTestStack(() => {
      new CrossClusterApiKey("scanned", { name: "scanned", access: { search: [{ names: ["logs-*"] }] } });
    });
    try {
      const up = await stack.engine.up();
      expect(up.ok, up.report).toBe(true);
      const taken = takeArtifacts();
      mine.push(...taken);
      const stateLabel = `state file ${stack.engine.stateFile}`;
      expect(taken.map((a) => a.label)).toEqual(expect.arrayContaining(["up report", "up error messages", "engine log", stateLabel]));
      const state = taken.find((a) => a.label === stateLabel)!.text;
      expect(state).toContain("__provider");
      expect(state).toContain("ciphertext"); // the new key's encoded value, and the config's password
      // The key's secret and encoded value are among the issued secrets now, and nowhere in what the run produced…
      const { needles } = needlesOf(secretSources());
      expect(needles.length).toBeGreaterThan(8);
      expect(scan(taken, needles)).toEqual([]);
      // …where the search would have found them.
      const password = stack.emulator.credentials.superuser.password;
      expect(scan([{ label: stateLabel, text: state.replace("__provider", `__provider ${password}`) }], needles)).toEqual([
        { artifact: stateLabel, secret: expect.stringMatching(/^superuser\.password /) },
      ]);
      expect((await stack.engine.destroy()).ok).toBe(true);
    } finally {
      await stack.close();
      for (const a of mine) scanArtifact(a.label, a.text);
    }
  });
});

interface JsonReport {
  testResults: { name: string; message: string; assertionResults: { title: string; status: string; failureMessages: string[]; meta: { figures?: Record<string, number> } }[] }[];
}

describe("a vitest run under the scanner (test/fixtures/secret-scanner)", () => {
  it("fails every test that leaks a password, naming where, without printing it; passes a clean one", { timeout: 180_000 }, async () => {
    const password = random(18);
    const basic = Buffer.from(`elastic:${password}`).toString("base64");
    const dir = mkdtempSync(path.join(tmpdir(), "secret-scanner-run-"));
    const reportFile = path.join(dir, "report.json");
    try {
      // The child is a vitest of its own: none of this run's worker variables may leak into it.
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS"));
      const run = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(
          process.execPath,
          [path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs"), "run", "--config", "test/fixtures/secret-scanner/vitest.config.mts"],
          { cwd: REPO_ROOT, env: { ...env, NO_COLOR: "1", SECRET_SCANNER_FIXTURE_PASSWORD: password, SECRET_SCANNER_FIXTURE_REPORT: reportFile }, timeout: 170_000 },
          (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, output: `${stdout}${stderr}` }),
        );
      });
      scanArtifact("output of the fixture vitest run", run.output);
      const report = readFileSync(reportFile, "utf8");

      expect(run.code, run.output).toBe(1);
      for (const text of [run.output, report]) {
        expect(text).not.toContain(basic);
        for (const part of parts(password, 8)) expect(text).not.toContain(part);
      }
      const tests = Object.fromEntries(
        (JSON.parse(report) as JsonReport).testResults.flatMap((f) => f.assertionResults.map((t) => [t.title, t])),
      );
      const failure = (title: string): string => {
        expect(tests[title]?.status, title).toBe("failed");
        return tests[title]!.failureMessages.join("\n");
      };
      expect(failure("prints the password with console.log")).toMatch(/superuser\.password \(sha256 [0-9a-f]{8}\) in console output/);
      expect(failure("writes a Basic header to process.stdout")).toMatch(/superuser as Basic credentials \(sha256 [0-9a-f]{8}\) in process\.stdout/);
      const thrown = failure("fails with an error that quotes the password");
      expect(thrown).toMatch(/superuser\.password \(sha256 [0-9a-f]{8}\) in error message of the test/);
      expect(thrown).toContain("could not log in with [secret removed by the secret scanner]");
      expect(tests["prints only what is not secret"]).toMatchObject({ status: "passed", meta: { figures: { secretScans: 1, secretHits: 0 } } });
      expect(tests["prints the password with console.log"]?.meta.figures).toEqual({ secretScans: 1, secretHits: 1 });
      const planted = failure("fails when a provider error embeds a key");
      expect(planted).toMatch(/superuser\.password \(sha256 [0-9a-f]{8}\) in up error messages/);
      expect(planted).toMatch(/superuser\.password \(sha256 [0-9a-f]{8}\) in host log/);
      const leakFile = (JSON.parse(report) as JsonReport).testResults.find((f) => f.name.endsWith("/leak.fixture.ts"));
      expect(leakFile?.message).toMatch(/superuser\.password \(sha256 [0-9a-f]{8}\) in console output/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
