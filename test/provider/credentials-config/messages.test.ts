import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, ConnectorSecret, CrossClusterApiKey } from "../../../provider";
import type { OperationResult } from "../../engine";
import { type Emulator, startEmulator } from "../../emulator";
import { crossClusterKeys } from "../../support/elastic";
import { REPO_ROOT, startTestStack, type TestStack } from "../../support/stack";
import { checkFailuresOf, renderCheckFailure, renderInitFailure } from "./cli-text";

let stack: TestStack;
let declare: () => void = () => {};
beforeEach(async () => {
  stack = await startTestStack(() => declare());
});
afterEach(async () => {
  await stack?.close();
});

const access = { search: [{ names: ["logs-*"] }] };
const crossClusterKey = () => new CrossClusterApiKey("k", { access });
/** The provider's own text of a failed step: the engine's `<type> resource '<name>': <op> failed: ` prefix removed. */
const providerText = (result: OperationResult) => result.errors.map((e) => e.message.replace(/^.*? resource '[^']+': \w+ failed: /, "")).join("\n");

function expectNoDoubledPunctuation(text: string): void {
  expect(text).not.toMatch(/[.!?]\s*\.(?!\.)/);
}

describe("messages say what is true and name the setting and command to use", () => {
  it("http:// pointed at a TLS port: 'does the endpoint need https://?', not an unknown outcome", async () => {
    const fixture = (name: string) => readFileSync(path.join(REPO_ROOT, "test/fixtures/tls", name), "utf8");
    const tls: Emulator = await startEmulator({ tls: { key: fixture("server.key"), cert: fixture("server.crt") } });
    try {
      declare = crossClusterKey;
      stack.engine.options.config = {
        ...stack.engine.options.config,
        "elastic:endpoint": { value: tls.esUrl.replace(/^https:/, "http:") },
        "elastic:username": { value: tls.credentials.superuser.username },
        "elastic:password": { value: tls.credentials.superuser.password, secret: true },
      };
      const up = await stack.engine.up();
      expect(up.ok).toBe(false);
      const text = providerText(up);
      expect(text).toContain("does the endpoint need https://?");
      expect(text).toContain("https:// in elastic:endpoint");
      expect(text).not.toMatch(/outcome unknown|may or may not|invalidate/i);
      expect(crossClusterKeys(tls)).toEqual([]);
    } finally {
      await tls.close();
    }
  });

  it("a 401 caused by connection.cloudApiKey names connection.cloudApiKey, not elastic:cloudApiKey; no doubled prefix, short", async () => {
    declare = () =>
      new CloudConnectedClusterApiKey("cloud", {
        clusterId: stack.emulator.defaultClusterId,
        connection: { cloudApiKey: "d3Jvbmcta2V5LWZvci10aGlzLWNsb3Vk" },
      });
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    const text = providerText(up);
    expect(text).toContain("connection.cloudApiKey");
    expect(text).not.toContain("elastic:cloudApiKey");
    expect(up.report).not.toMatch(/create failed: [^\n]*create failed/);
    // About 300 characters: the cluster id and the URL are the longest parts, and both help.
    expect(text.length).toBeLessThan(350);
    expectNoDoubledPunctuation(up.report);
  });

  it("a failed destroy does not tell the user to run `pulumi up` again", async () => {
    declare = crossClusterKey;
    expect((await stack.engine.up()).ok).toBe(true);
    const fault = stack.emulator.faults.inject({ target: "es", method: "DELETE", path: "/_security/api_key", times: Infinity, fault: { kind: "status", status: 500 } });
    const destroy = await stack.engine.destroy();
    fault.remove();
    expect(destroy.ok).toBe(false);
    const text = providerText(destroy);
    expect(text).not.toContain("`pulumi up` again");
    expect(text).toContain("`pulumi destroy`");
    expectNoDoubledPunctuation(destroy.report);
    expect((await stack.engine.destroy()).ok).toBe(true);
  });

  it("an update of a key that is gone: one sentence after another, no doubled full stop", async () => {
    declare = crossClusterKey;
    expect((await stack.engine.up()).ok).toBe(true);
    declare = () => new CrossClusterApiKey("k", { access: { search: [{ names: ["metrics-*"] }] } });
    stack.emulator.faults.inject({ target: "es", method: "PUT", path: /^\/_security\/cross_cluster\/api_key\//, fault: { kind: "status", status: 404 } });
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(providerText(up)).toContain("run `pulumi refresh` to drop it");
    expectNoDoubledPunctuation(up.report);
  });

  it("a partial failure carries its guidance in the reasons, which is all the CLI shows", async () => {
    const clusterId = stack.emulator.defaultClusterId;
    declare = () => new CloudConnectedClusterApiKey("cloud", { clusterId, revokePreviousKey: true });
    stack.emulator.faults.inject({
      target: "cloud",
      method: "POST",
      path: `/api/v1/cloud-connected/clusters/${clusterId}/apikey/_revoke-pending`,
      fault: { kind: "status", status: 500 },
    });
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    const kept = (await stack.engine.readState()).resources.find((r) => r.name === "cloud")!;
    const shown = renderInitFailure(kept.initErrors ?? []);
    expect(shown).toContain("the key was rotated, but revoking the previous (pending) key failed");
    expect(shown).toContain("run `pulumi up` again to finish");
    expectNoDoubledPunctuation(shown);
  });
});

describe("refresh and destroy refused with 401/403: the message explains the stack config saved at the last up", () => {
  const staleAdvice = (text: string) => {
    expect(text).toContain("stack config saved by the last `pulumi up`");
    expect(text).toContain("run `pulumi up` first");
    expect(text).toContain("pulumi refresh --run-program");
    expect(text).toContain("ELASTICSEARCH_*");
  };

  it.each([
    ["refresh", "GET", 401],
    ["destroy", "DELETE", 401],
    ["destroy", "DELETE", 403],
  ] as const)("%s answered %s %d", async (operation, method, status) => {
    declare = crossClusterKey;
    expect((await stack.engine.up()).ok).toBe(true);
    // As after `pulumi config set --secret elastic:password NEW`: the credentials saved at the last up are refused.
    const fault = stack.emulator.faults.inject({ target: "es", method, path: "/_security/api_key", times: Infinity, fault: { kind: "status", status } });
    const result = operation === "refresh" ? await stack.engine.refresh() : await stack.engine.destroy();
    fault.remove();
    expect(result.ok).toBe(false);
    staleAdvice(providerText(result));
    expect((await stack.engine.destroy()).ok).toBe(true);
  });
});

describe("check failures never print a secret the way the CLI renders them", () => {
  const SECRET = "Never-Printed-71";
  const TYPE = "pulumi-nodejs:dynamic/elastic:ConnectorSecret";
  it.each([
    ["ConnectorSecret.value with a lone surrogate", { value: `${SECRET}\uD800` }],
    ["connection given as a URL string holding a password", { value: "ok", connection: `https://elastic:${SECRET}@localhost:9200` }],
    ["connection.password with a trailing newline", { value: "ok", connection: { password: `${SECRET}\n`, username: "elastic" } }],
    ["connection.bearerToken with its Bearer prefix", { value: "ok", connection: { bearerToken: `Bearer ${SECRET}` } }],
  ])("%s", async (_title, inputs) => {
    declare = () => new ConnectorSecret("s", inputs as never);
    const preview = await stack.engine.preview();
    expect(preview.ok).toBe(false);
    const failures = checkFailuresOf(preview.errors, "s");
    expect(failures.length, preview.report).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(["value", "connection"]).not.toContain(failure.property);
      expect(renderCheckFailure(TYPE, "s", failure, inputs)).not.toContain(SECRET);
    }
  });
});

describe("missing credentials pass preview with a warning naming the settings up will need", () => {
  it("no Elasticsearch credentials at all", async () => {
    declare = crossClusterKey;
    const config = { ...stack.engine.options.config };
    delete config["elastic:username"];
    delete config["elastic:password"];
    stack.engine.options.config = config;
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    const warnings = stack.engine.hostLogs().filter((l) => /warning/i.test(l));
    expect(warnings.join("\n")).toMatch(/pulumi up` will need/);
    expect(warnings.join("\n")).toContain("elastic:password");
    expect(warnings.join("\n")).toContain("ELASTICSEARCH_PASSWORD");
  });
});
