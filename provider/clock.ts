/**
 * The provider's notion of "now". Rotation and expiry decisions depend on it, and tests must be able to move
 * time forward without waiting days. The host process inherits the engine's environment, so an environment
 * variable read at call time is the one seam that reaches the provider without being captured in `__provider`.
 */
export const CLOCK_ENV = "PULUMI_ELASTIC_KEYS_NOW";

/** Epoch milliseconds: `PULUMI_ELASTIC_KEYS_NOW` (epoch ms or ISO timestamp, for tests) or the real time. */
export function now(): number {
  const fixed = process.env[CLOCK_ENV];
  if (!fixed) return Date.now();
  const asNumber = Number(fixed);
  const parsed = Number.isFinite(asNumber) ? asNumber : Date.parse(fixed);
  if (!Number.isFinite(parsed)) {
    throw new Error(`${CLOCK_ENV} must be epoch milliseconds or an ISO timestamp, got ${JSON.stringify(fixed)}`);
  }
  return parsed;
}
