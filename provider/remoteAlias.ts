import { z } from "zod";
import { parseDurationMs } from "../sdk";
import type { CheckFailure } from "./checkFailures";
import type { ConnectionInput } from "./connection";
import { connectionCheckFailures } from "./credentials";
import { containsUnknown } from "./unknowns";

/**
 * A remote cluster alias: it becomes a settings path segment (`cluster.remote.<alias>.mode`) and the prefix of
 * cross-cluster index expressions (`<alias>:logs-*`), so dots, colons, commas, wildcards and spaces are refused.
 */
export const aliasSchema = z
  .string({ error: 'alias must be a string such as "prod"' })
  .regex(/^[A-Za-z0-9_-]+$/, 'alias must be letters, digits, "-" or "_" (it becomes part of cluster.remote.<alias>.* and of "<alias>:index")');

/** How long to wait for `_remote/info` to report the alias connected. */
export const readinessTimeoutSchema = z
  .string({ error: 'readinessTimeout must be a duration such as "2m"' })
  .refine((s) => {
    const ms = parseDurationMs(s) ?? 0;
    return ms > 0 && ms <= 60 * 60 * 1000;
  }, 'readinessTimeout must be a duration between 1ms and 1h such as "2m" (units: ms, s, m, h)');

export const DEFAULT_READINESS_TIMEOUT = "2m";

export function readinessTimeoutMs(timeout: string | undefined): number {
  return parseDurationMs(timeout ?? DEFAULT_READINESS_TIMEOUT) ?? 120_000;
}

/** The keystore entry Elasticsearch reads an alias' cross-cluster API key from. */
export function credentialsSetting(alias: string): string {
  return `cluster.remote.${alias}.credentials`;
}

/** Connection check failures once the connection is known, `connection.*` properties renamed `<prefix>Connection.*`. */
export function connectionFailuresAt(
  connection: unknown,
  parsed: ConnectionInput | undefined,
  target: "elasticsearch" | "cloud",
  prefix = "",
): CheckFailure[] {
  if (containsUnknown(connection)) return [];
  return connectionCheckFailures(parsed, target).map((f) => ({
    ...f,
    property: prefix && f.property.startsWith("connection") ? `${prefix}C${f.property.slice(1)}` : f.property,
  }));
}
