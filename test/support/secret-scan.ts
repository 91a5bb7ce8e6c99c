// The pure part of the suite-wide secret scanner (secret-scanner.setup.ts): which strings count as a leaked
// secret, where they were found, and a description of the finds that names every secret without revealing it.
import { createHash } from "node:crypto";

/** What an emulator exposes to the scanner (the emulator's own `Emulator` type satisfies it). */
export interface SecretSource {
  /** Every secret it issued or accepted. */
  issuedSecrets(): string[];
  /** Its own credentials, walked only to name the secrets and to derive their header forms. */
  readonly credentials: object;
}

/** Something a test produced: printed text, a log line, a state file, an error. */
export interface Artifact {
  /** Where it came from, e.g. "console output" or "state file /tmp/…/test.json". Never contains a secret. */
  label: string;
  text: string;
}

/** One string to search for and a name for it that says what it is without any part of it. */
export interface Needle {
  text: string;
  label: string;
}

export interface Hit {
  artifact: string;
  secret: string;
}

/**
 * Secrets shorter than this are not searched for but reported as an error of their own: a one-letter connector
 * secret ("v") is in every line of text, so searching for it would fail every test for nothing, and skipping it
 * silently would hide a real leak. The emulator's own secrets are at least 22 characters of random base64; a test
 * that hands the emulator a value of its own must make it this long, which still allows realistic fixed
 * passwords such as Elastic's "changeme".
 */
export const MIN_SECRET_LENGTH = 8;

export interface Needles {
  needles: Needle[];
  /** Labels of secrets too short to search for (see MIN_SECRET_LENGTH). */
  tooShort: string[];
}

const fingerprints = new Map<string, string>();

/** The first 8 hex digits of the secret's sha256: tells two secrets apart in a report, reveals nothing usable. */
export function fingerprint(secret: string): string {
  let f = fingerprints.get(secret);
  if (f === undefined) {
    f = createHash("sha256").update(secret, "utf8").digest("hex").slice(0, 8);
    fingerprints.set(secret, f);
  }
  return f;
}

/** Every secret of every source, each with the forms a leak would take: as is, URL-encoded, as a Basic header. */
export function needlesOf(sources: readonly SecretSource[]): Needles {
  const byText = new Map<string, string>();
  const add = (text: string, label: string): void => {
    if (text.length > 0 && !byText.has(text)) byText.set(text, `${label} (sha256 ${fingerprint(text)})`);
  };
  for (const source of sources) {
    // Named ones first, so the report says "superuser.password" rather than "issued secret".
    for (const { path, value } of credentialLeaves(source.credentials)) add(value, path);
    for (const { path, username, password } of basicUsers(source.credentials)) {
      add(Buffer.from(`${username}:${password}`, "utf8").toString("base64"), `${path} as Basic credentials`);
    }
    for (const secret of source.issuedSecrets()) add(secret, "issued secret");
  }
  const needles: Needle[] = [];
  const tooShort: string[] = [];
  for (const [text, label] of byText) {
    if (text.length < MIN_SECRET_LENGTH) {
      tooShort.push(label);
      continue;
    }
    needles.push({ text, label });
    const urlEncoded = encodeURIComponent(text);
    if (urlEncoded !== text && !byText.has(urlEncoded)) needles.push({ text: urlEncoded, label: `${label}, URL-encoded` });
  }
  return { needles, tooShort };
}

/** Every (artifact, secret) pair found, once each however often the secret occurs there. */
export function scan(artifacts: readonly Artifact[], needles: readonly Needle[]): Hit[] {
  const hits = new Map<string, Hit>();
  for (const artifact of artifacts) {
    for (const needle of needles) {
      if (!artifact.text.includes(needle.text)) continue;
      const hit = { artifact: artifact.label, secret: needle.label };
      hits.set(`${hit.artifact}\0${hit.secret}`, hit);
    }
  }
  return [...hits.values()];
}

/** The text with every needle replaced by a marker (longest first, so no fragment of a longer form survives). */
export function redact(text: string, needles: readonly Needle[]): string {
  let out = text;
  for (const needle of [...needles].sort((a, b) => b.text.length - a.text.length)) {
    if (out.includes(needle.text)) out = out.split(needle.text).join("[secret removed by the secret scanner]");
  }
  return out;
}

/** The failure message: where each secret was found, by name and fingerprint only. */
export function describeFinds(hits: readonly Hit[], tooShort: readonly string[] = []): string {
  const lines: string[] = [];
  if (hits.length > 0) {
    lines.push(`secret scanner: ${hits.length} issued secret(s) found where none may be:`);
    for (const hit of hits) lines.push(`  - ${hit.secret} in ${hit.artifact}`);
  }
  if (tooShort.length > 0) {
    lines.push(
      `secret scanner: the emulator issued or accepted secret(s) shorter than ${MIN_SECRET_LENGTH} characters, ` +
        "too short to search for without false alarms; give the emulator a longer value:",
    );
    for (const label of tooShort) lines.push(`  - ${label}`);
  }
  return lines.join("\n");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** String leaves of the credentials, by dotted path; usernames and key ids are names, not secrets. */
function credentialLeaves(value: unknown, path = ""): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path, value }];
  if (!isRecord(value)) return [];
  return Object.entries(value)
    .filter(([key]) => key !== "username" && key !== "id")
    .flatMap(([key, child]) => credentialLeaves(child, path ? `${path}.${key}` : key));
}

function basicUsers(value: unknown, path = ""): { path: string; username: string; password: string }[] {
  if (!isRecord(value)) return [];
  const { username, password } = value;
  const here = typeof username === "string" && typeof password === "string" ? [{ path, username, password }] : [];
  return [...here, ...Object.entries(value).flatMap(([key, child]) => basicUsers(child, path ? `${path}.${key}` : key))];
}
