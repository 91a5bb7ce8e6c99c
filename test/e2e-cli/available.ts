// Whether the real CLI can run here. With CI=true a missing CLI is a failure, never a silent skip: CI builds it
// (scripts/install-pulumi-cli.sh) before the tests.
import { describe, it } from "vitest";
import { cliUnavailable } from "./pulumi-cli";

const reason = cliUnavailable();
export const CLI_MISSING = reason !== undefined && process.env.CI !== "true";

/** A describe block that runs only with the CLI; without it, one test fails in CI and is skipped elsewhere. */
export function describeWithCli(title: string, body: () => void): void {
  if (reason === undefined) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    if (process.env.CI === "true") {
      it("needs the real pulumi CLI", () => {
        throw new Error(`the real pulumi CLI is required in CI: ${reason}`);
      });
    } else {
      it(`needs the real pulumi CLI (${reason})`, (ctx) => ctx.skip());
    }
  });
}
