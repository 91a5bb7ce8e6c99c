// What preview refuses in a certificateIdentity and, as much, what it must let through: Elasticsearch compiles the
// pattern as a Java regex, whose syntax is not JavaScript's, so valid Java patterns must never be refused here.
import { describe, expect, it } from "vitest";
import { certificateIdentityProblem, certificateIdentityUpdate } from "../../../provider/crossClusterApiKey/certificateIdentity";

describe("certificateIdentityProblem", () => {
  it.each([
    "CN=instance",
    "^CN=instance$",
    "(?i)^CN=instance$", // Java's inline flags, which a JavaScript RegExp refuses
    "^CN=[A-Za-z0-9_]+$",
    "CN=remote-.*,OU=search,O=Example",
    "CN=a\\(b\\),O=Example", // escaped parentheses
    "CN=[()],O=x", // parentheses inside a character class
    "CN=[a-z&&[^x]]+", // a nested class (Java)
    "\\QCN=a(b\\E", // a \Q…\E quote
    "CN=(?:east|west)-[0-9]++", // a possessive quantifier (Java)
  ])("lets %s through", (pattern) => {
    expect(certificateIdentityProblem(pattern)).toBeUndefined();
  });

  it.each([
    ["", /must not be empty/],
    [" CN=a", /whitespace at its start or end/],
    ["CN=a\t", /control character/],
    ["CN=(a", /1 unclosed "\("/],
    ["CN=a)", /"\)" at position 4 without its "\("/],
    ["CN=a\\", /lone backslash/],
    ["x".repeat(1025), /1025 characters long \(at most 1024\)/],
  ])("refuses %j", (pattern, message) => {
    expect(certificateIdentityProblem(pattern)).toMatch(message);
  });
});

describe("certificateIdentityUpdate: what an update body carries", () => {
  it("nothing when unchanged (also when never used), the pattern when set or changed, null when removed", () => {
    expect(certificateIdentityUpdate(undefined, undefined)).toEqual({});
    expect(certificateIdentityUpdate("CN=a", "CN=a")).toEqual({});
    expect(certificateIdentityUpdate("CN=a", undefined)).toEqual({ certificate_identity: "CN=a" });
    expect(certificateIdentityUpdate("CN=b", "CN=a")).toEqual({ certificate_identity: "CN=b" });
    expect(certificateIdentityUpdate(undefined, "CN=a")).toEqual({ certificate_identity: null });
  });
});
