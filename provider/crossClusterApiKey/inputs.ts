import { crossClusterApiKeyInputsSchema, type CrossClusterApiKeyInputs } from "./schema";

/**
 * Inputs for create/update. Check has already validated them, but the host can be driven by older state or a
 * different engine, so they are parsed again rather than trusted — without echoing values (they may hold secrets).
 */
export function parseInputs(news: unknown): CrossClusterApiKeyInputs {
  const parsed = crossClusterApiKeyInputsSchema.safeParse(news);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(inputs)"}: ${i.message}`).join("; ");
  throw new Error(`invalid inputs (${where})`);
}

export function subjectOf(name: unknown): string {
  return `CrossClusterApiKey ${JSON.stringify(typeof name === "string" ? name : "(unnamed)")}`;
}
