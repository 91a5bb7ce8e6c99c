import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_OPTIONS } from "../../sdk";
import { backoffDelayMs, classifyTransportError, decideRetry, parseRetryAfter, type RetryState } from "../../sdk/retry";

const state = (over: Partial<RetryState> = {}): RetryState => ({
  idempotent: true,
  attempt: 1,
  elapsedMs: 0,
  options: { ...DEFAULT_RETRY_OPTIONS },
  random: () => 0.5,
  ...over,
});

describe("decideRetry", () => {
  it("retries idempotent requests on 429/502/503/504 and connection errors", () => {
    for (const status of [429, 502, 503, 504]) expect(decideRetry({ kind: "response", status }, state()).action).toBe("retry");
    expect(decideRetry({ kind: "sent" }, state()).action).toBe("retry");
    expect(decideRetry({ kind: "not-sent" }, state()).action).toBe("retry");
  });
  it("does not retry other statuses", () => {
    for (const status of [200, 400, 401, 403, 404, 409, 412, 500]) expect(decideRetry({ kind: "response", status }, state()).action).toBe("done");
  });
  it("retries a non-idempotent request only when the server cannot have processed it", () => {
    const post = state({ idempotent: false });
    expect(decideRetry({ kind: "not-sent" }, post).action).toBe("retry");
    expect(decideRetry({ kind: "response", status: 429 }, post).action).toBe("retry");
    expect(decideRetry({ kind: "response", status: 503 }, post).action).toBe("retry");
    expect(decideRetry({ kind: "response", status: 502 }, post).action).toBe("outcome-unknown");
    expect(decideRetry({ kind: "response", status: 504 }, post).action).toBe("outcome-unknown");
    expect(decideRetry({ kind: "sent" }, post).action).toBe("outcome-unknown");
  });
  it("never retries fatal (TLS) failures", () => {
    expect(decideRetry({ kind: "fatal" }, state()).action).toBe("give-up");
  });
  it("is bounded by attempts and by elapsed time", () => {
    expect(decideRetry({ kind: "sent" }, state({ attempt: DEFAULT_RETRY_OPTIONS.maxAttempts })).action).toBe("give-up");
    expect(decideRetry({ kind: "sent" }, state({ elapsedMs: DEFAULT_RETRY_OPTIONS.maxElapsedMs })).action).toBe("give-up");
  });
  it("honours Retry-After instead of the backoff, unless it exceeds the time budget", () => {
    expect(decideRetry({ kind: "response", status: 503, retryAfterMs: 2_000 }, state())).toEqual({ action: "retry", delayMs: 2_000 });
    expect(decideRetry({ kind: "response", status: 503, retryAfterMs: 3_600_000 }, state()).action).toBe("give-up");
  });
});

describe("backoffDelayMs", () => {
  it("is full-jitter exponential with a cap", () => {
    const o = { ...DEFAULT_RETRY_OPTIONS, initialDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelayMs(1, o, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, o, () => 0.5)).toBe(200);
    expect(backoffDelayMs(10, o, () => 0.5)).toBe(500);
    expect(backoffDelayMs(10, o, () => 0)).toBe(0);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3_000);
    expect(parseRetryAfter("0")).toBe(0);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0);
  });
  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter("-1")).toBeUndefined();
  });
});

describe("classifyTransportError", () => {
  const err = (code: string, extra: object = {}) => Object.assign(new Error(code), { code }, extra);
  it("knows which failures happen before the request is sent", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"])
      expect(classifyTransportError(err(code))).toBe("not-sent");
    expect(classifyTransportError(err("ETIMEDOUT", { syscall: "connect" }))).toBe("not-sent");
    const aggregate = Object.assign(new AggregateError([err("ECONNREFUSED"), err("ECONNREFUSED")], ""), { code: "ECONNREFUSED" });
    expect(classifyTransportError(aggregate)).toBe("not-sent");
  });
  it("treats anything else as possibly sent", () => {
    for (const code of ["UND_ERR_SOCKET", "ECONNRESET", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "EPIPE", "ETIMEDOUT"])
      expect(classifyTransportError(err(code))).toBe("sent");
    expect(classifyTransportError(new Error("weird"))).toBe("sent");
  });
  it("treats certificate problems as fatal", () => {
    for (const code of ["DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"])
      expect(classifyTransportError(err(code))).toBe("fatal");
  });
});
