import type { OperationResult } from "../engine";

/** The expiry warnings of one engine operation, as its report's Diagnostics section shows them (as the CLI does). */
export function expiryWarnings(result: OperationResult): string[] {
  return result.report
    .split("\n")
    .filter((line) => /^ {4}warning: .*API key .* expire/.test(line))
    .map((line) => line.trim());
}
