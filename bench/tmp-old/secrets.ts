// A passphrase secrets provider in the manner of Pulumi's: a 256-bit key derived from the passphrase with scrypt
// and a random salt kept in the state file, AES-256-GCM per value, ciphertexts written "v1:<nonce>:<sealed>" in
// base64. A known plaintext sealed under the key is stored beside the salt so a wrong passphrase is detected up front
// instead of surfacing as a decryption error on the first secret.
import crypto from "node:crypto";
import { promisify } from "node:util";
import { isObject, isSecret, SECRET_SIG, SIG_KEY, type PropertyMap, type Wire } from "../../test/engine/rpc-values";

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// N = 2^15 costs ~50–100 ms per derivation here: a deliberate cost per engine operation, not per value.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const CHECK_PLAINTEXT = "pulumi";

/** What the state file keeps about the secrets provider (no key material). */
export interface SecretsProviderState {
  type: "passphrase";
  state: { kdf: "scrypt"; N: number; r: number; p: number; salt: string; check: string };
}

function saltBytes(salt: string): Buffer {
  return Buffer.from(salt.replace(/^v1:/, ""), "base64");
}

export class Crypter {
  private constructor(private readonly key: Buffer, readonly providerState: SecretsProviderState) {}

  /** A random salt in the recorded form. */
  static newSalt(): string {
    return `v1:${crypto.randomBytes(16).toString("base64")}`;
  }

  /** A new provider for `salt` (from newSalt). */
  static async create(passphrase: string, salt: string): Promise<Crypter> {
    const key = await scrypt(passphrase, saltBytes(salt), 32, SCRYPT);
    const crypter = new Crypter(key, {
      type: "passphrase",
      state: { kdf: "scrypt", N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt, check: "" },
    });
    crypter.providerState.state.check = crypter.encrypt(CHECK_PLAINTEXT);
    return crypter;
  }

  /** The provider recorded in a state file; fails with a clear message on a wrong passphrase. */
  static async open(passphrase: string, recorded: SecretsProviderState): Promise<Crypter> {
    const { N, r, p, salt, check } = recorded.state;
    const key = await scrypt(passphrase, saltBytes(salt), 32, { N, r, p, maxmem: SCRYPT.maxmem });
    const crypter = new Crypter(key, recorded);
    let ok = false;
    try {
      ok = crypter.decrypt(check) === CHECK_PLAINTEXT;
    } catch {
      ok = false;
    }
    if (!ok) throw new Error("incorrect passphrase: cannot decrypt the secrets in the stack's state file");
    return crypter;
  }

  encrypt(plaintext: string): string {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, nonce);
    const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
  }

  decrypt(ciphertext: string): string {
    const [version, nonce, sealed] = ciphertext.split(":");
    if (version !== "v1" || nonce === undefined || sealed === undefined) {
      throw new Error("malformed ciphertext in the state file");
    }
    const bytes = Buffer.from(sealed, "base64");
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, Buffer.from(nonce, "base64"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  }

  /** Replaces every secret { sig, value } by { sig, ciphertext } (the value JSON-encoded, as Pulumi does). */
  sealMap(m: PropertyMap): PropertyMap {
    return this.mapSecrets(m, (s) => ({ [SIG_KEY]: SECRET_SIG, ciphertext: this.encrypt(JSON.stringify(s.value ?? null)) }));
  }

  /** The inverse of sealMap. */
  openMap(m: PropertyMap): PropertyMap {
    return this.mapSecrets(m, (s) => {
      if (typeof s.ciphertext !== "string") return s; // already plaintext-wrapped (never written so, but tolerated)
      return { [SIG_KEY]: SECRET_SIG, value: JSON.parse(this.decrypt(s.ciphertext)) as Wire };
    });
  }

  private mapSecrets(m: PropertyMap, f: (secret: { [key: string]: Wire }) => Wire): PropertyMap {
    const walk = (v: Wire): Wire => {
      if (isSecret(v)) return f(v);
      if (Array.isArray(v)) return v.map(walk);
      if (isObject(v)) {
        const out: { [key: string]: Wire } = {};
        for (const [k, x] of Object.entries(v)) out[k] = walk(x);
        return out;
      }
      return v;
    };
    const out: PropertyMap = {};
    for (const [k, v] of Object.entries(m)) out[k] = walk(v);
    return out;
  }
}
