import { documentIdSchema } from "../../text";

/** The `id` of `CrossClusterApiKey.get`: checked in the program (a literal id) and again by the read, before any request. */
const keyIdSchema = documentIdSchema("id", "the id of an existing cross-cluster API key; GET /_security/api_key?name=<key name> lists the ids");

/** Why `id` cannot be an API key id, naming the property, or undefined when it can. */
export function keyIdProblem(id: unknown): string | undefined {
  const parsed = keyIdSchema.safeParse(id);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message).join("; ");
}
