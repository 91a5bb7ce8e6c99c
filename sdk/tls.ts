/**
 * TLS settings for the connection pools: a custom CA (PEM text) or, for self-signed development clusters only,
 * no verification at all. Checked before any I/O.
 */
import { X509Certificate } from "node:crypto";
import { InvalidOptionsError } from "./errors";

export interface TlsOptions {
  /**
   * PEM text of the CA certificate(s) that signed the server certificate. When given it replaces Node's default
   * trust store for this client: only servers signed by these CAs are accepted.
   */
  caCert?: string;
  /** Accept any server certificate (`rejectUnauthorized: false`). For self-signed development clusters only. */
  insecure?: boolean;
}

/** Options for undici's `connect`. */
export interface TlsConnectOptions {
  ca?: string;
  rejectUnauthorized?: boolean;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Validates {@link TlsOptions} and turns them into undici connect options. */
export function tlsConnectOptions(options: TlsOptions): TlsConnectOptions {
  const { caCert, insecure } = options;
  if (insecure !== undefined && typeof insecure !== "boolean")
    throw new InvalidOptionsError("insecure", "must be a boolean", "Pass true to skip certificate verification (development only), or omit it");
  if (caCert === undefined) return insecure ? { rejectUnauthorized: false } : {};
  if (insecure)
    throw new InvalidOptionsError(
      "caCert",
      "cannot be combined with insecure: true (verification would be off, so the CA would be ignored)",
      "Keep caCert and drop insecure",
    );
  if (typeof caCert !== "string" || caCert.trim() === "")
    throw new InvalidOptionsError("caCert", "must be a non-empty PEM string", "Pass the certificate's PEM text, or omit caCert");
  const blocks = caCert.match(PEM_CERT);
  if (!blocks)
    throw new InvalidOptionsError(
      "caCert",
      "is not PEM text (no -----BEGIN CERTIFICATE----- block)",
      'Pass the file\'s contents, not its path: fs.readFileSync(path, "utf8")',
    );
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch {
      throw new InvalidOptionsError("caCert", `certificate #${i + 1} cannot be parsed`, "Check that the PEM text is complete and not corrupted");
    }
  });
  return { ca: caCert };
}
