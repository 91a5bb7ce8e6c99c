import { describe, expect, it } from "vitest";
import { Redactor } from "./display";

// The CLI's log filter (sdk/go/common/util/logging/log.go CreateFilter) over the stack config's secure values.
describe("masking free text like the CLI", () => {
  const masked = (secrets: string[], text: string, keep: string[] = []) => {
    const r = new Redactor();
    for (const s of secrets) r.add(s);
    return r.redact(text, keep);
  };

  it("replaces every occurrence, inside words too, and the JSON-escaped form", () => {
    expect(masked(["hunter2"], "password hunter2, again:hunter2x")).toBe("password [secret], again:[secret]x");
    expect(masked(['pa"ss\\word'], 'body {"password":"pa\\"ss\\\\word"}')).toBe('body {"password":"[secret]"}');
  });

  it("leaves secrets shorter than 3 characters and true/false alone", () => {
    expect(masked(["ab", "true", "FALSE"], "ab true false")).toBe("ab true false");
    expect(masked(["abc"], "abc")).toBe("[secret]");
  });

  it("leaves the engine's own words alone", () => {
    expect(masked(["elastic"], "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey resource 'k': user elastic refused", ["pulumi-nodejs:dynamic/elastic:CrossClusterApiKey resource 'k'"])).toBe(
      "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey resource 'k': user [secret] refused",
    );
  });
});
