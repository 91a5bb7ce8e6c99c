import { type CloudConnectedClusterApiKeyInputs, cloudConnectedClusterApiKeyInputsSchema } from "./schema";

/** The defaults of the optional flags, in one place (the TSDoc of the Args repeats them). */
export const DEFAULTS = { revokePreviousKey: false, useEtag: true, revokeOnDelete: false } as const;

type Flag = keyof typeof DEFAULTS;

/** A flag's effective value: given, or its default. Accepts raw (possibly unknown) values; those are returned as is. */
export function flag(source: Partial<Record<Flag, unknown>>, name: Flag): unknown {
  return source[name] ?? DEFAULTS[name];
}

/**
 * Inputs for create/update. Check has already validated them, but the host can be driven by older state or another
 * engine, so they are parsed again — without echoing values (the connection may hold credentials).
 */
export function parseInputs(news: unknown): CloudConnectedClusterApiKeyInputs {
  const parsed = cloudConnectedClusterApiKeyInputsSchema.safeParse(news);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(inputs)"}: ${i.message}`).join("; ");
  throw new Error(`invalid inputs (${where})`);
}

/**
 * How errors name the resource. The resource name is not among a dynamic provider's inputs; the cluster id and the
 * service are.
 */
export function subjectOf(clusterId: unknown, service?: unknown): string {
  const cluster = `cluster ${JSON.stringify(typeof clusterId === "string" ? clusterId : "(unknown)")}`;
  return `CloudConnectedClusterApiKey for ${typeof service === "string" ? `the ${service} service of ${cluster}` : cluster}`;
}
