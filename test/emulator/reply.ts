/** A response computed by a handler but not yet sent, so a fault can still drop, delay or corrupt it. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  /** Empty for bodiless answers. */
  body: string;
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value) };
}

export function emptyReply(status: number, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers, body: "" };
}
