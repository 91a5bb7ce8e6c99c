import type { z } from "zod";
import { formatIssuePath } from "../sdk";
import { overlaps, type Path, unknownPaths } from "./unknowns";

/** Pulumi's CheckFailure, restated so that runtime modules do not need the Pulumi SDK's types at run time. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * Turns zod issues into CheckFailures, dropping the ones that touch a value the engine does not know yet
 * (preview): such a value will be checked again once it is known.
 */
export function toCheckFailures(issues: readonly z.core.$ZodIssue[], inputs: unknown, prefix: Path = []): CheckFailure[] {
  const unknown = unknownPaths(inputs, prefix);
  return issues
    .flatMap((issue) => {
      const path = [...prefix, ...(issue.path as Path)];
      // One failure per unknown key, at the key itself, so the property named is the one to delete or rename.
      // Schemas that explain the refusal (e.g. "replication does not support document or field level
      // security") keep their words; zod's generic "Unrecognized key" gets a more useful one.
      if (issue.code === "unrecognized_keys") {
        const generic = issue.message.startsWith("Unrecognized key");
        return issue.keys.map((key) => ({
          path: [...path, key],
          message: generic ? `unknown property ${JSON.stringify(key)}; remove it or check its spelling` : issue.message,
        }));
      }
      return [{ path, message: issue.message }];
    })
    .filter(({ path }) => !unknown.some((u) => overlaps(u, path)))
    .map(({ path, message }) => ({ property: formatIssuePath(path) || "(inputs)", reason: message }));
}

/**
 * Top-level inputs that hold a secret: `connection` (credentials) and `value` (a connector secret). The CLI prints
 * a check failure as `property <p> value {<program input named p>} has a problem: <reason>`, looking `p` up as a
 * top-level key, even when that input is secret; a failure on a nested path (`connection.password`) finds no such
 * key and prints no value.
 */
const SECRET_INPUTS: ReadonlySet<string> = new Set(["connection", "value"]);

/**
 * The failures with none reported on a secret top-level input: those are reported on the resource as a whole
 * (property ""), which the CLI prints without a value; the reason names the property instead.
 */
export function withoutSecretEcho(failures: readonly CheckFailure[]): CheckFailure[] {
  return failures.map((f) =>
    SECRET_INPUTS.has(f.property) ? { property: "", reason: f.reason.startsWith(f.property) ? f.reason : `${f.property}: ${f.reason}` } : f,
  );
}
