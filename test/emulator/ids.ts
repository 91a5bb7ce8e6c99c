import { randomBytes } from "node:crypto";

// Shapes follow Elasticsearch: document and API key ids are 15 random bytes in URL-safe base64 (20 chars), API key
// secrets 16 random bytes in URL-safe base64 (22 chars), and the `encoded` credential is base64("id:api_key").

export function newId(): string {
  return randomBytes(15).toString("base64url");
}

export function newApiKeySecret(): string {
  return randomBytes(16).toString("base64url");
}

export function encodeApiKey(id: string, secret: string): string {
  return Buffer.from(`${id}:${secret}`, "utf8").toString("base64");
}

export function newPassword(): string {
  return randomBytes(18).toString("base64url");
}

export function newBearerToken(): string {
  return randomBytes(45).toString("base64");
}

/** Elastic Cloud keys look like encoded Elasticsearch API keys. */
export function newCloudKey(): string {
  return encodeApiKey(newId(), randomBytes(32).toString("base64url"));
}

const CLUSTER_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** 32 chars of [a-z0-9], the Cloud Connected cluster id format. */
export function newClusterId(): string {
  let id = "";
  while (id.length < 32) {
    for (const byte of randomBytes(40)) {
      // 252 = 7 * 36: rejecting the top bytes keeps every character equally likely.
      if (byte < 252 && id.length < 32) id += CLUSTER_ID_ALPHABET[byte % 36];
    }
  }
  return id;
}

export function newEtag(): string {
  return `"${randomBytes(12).toString("hex")}"`;
}

export function newHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}
