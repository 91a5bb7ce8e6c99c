import fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { describe } from "vitest";
import { test, Thing, type Sandbox } from "./testing";

describe.concurrent("secrets", { timeout: 180_000 }, () => {

  const SECRET_INPUT = "input-secret-4f9c2d";
  const SECRET_CONFIG = "config-secret-7a1e88";

  function secretProgram(s: Sandbox) {
    return s.engine(
      () => {
        const config = new pulumi.Config("engine");
        const t = new Thing(
          "t",
          { value: pulumi.secret(SECRET_INPUT), note: config.requireSecret("token") },
          { additionalSecretOutputs: ["secretKey"] },
        );
        return { key: t.secretKey, id: t.id, greeting: t.configGreeting, tokenLength: t.configTokenLength };
      },
      {
        config: {
          "engine:token": { value: SECRET_CONFIG, secret: true },
          "test:greeting": { value: "hi" },
        },
      },
    );
  }

  test("encrypts additionalSecretOutputs, secret inputs and secret config in the state file; readState decrypts", async ({ s, expect }) => {
    const engine = secretProgram(s);
    const result = await engine.up();
    expect(result.ok).toBe(true);

    // The provider saw plaintext (the engine unwraps secrets before every call) and got the stack config.
    const [thing] = Object.values(s.things());
    const secretKey = thing?.secretKey as string;
    expect(thing).toMatchObject({ value: SECRET_INPUT, note: SECRET_CONFIG, configGreeting: "hi", configTokenLength: SECRET_CONFIG.length });
    expect(secretKey).toMatch(/^sk-[0-9a-f]{32}$/);

    const file = fs.readFileSync(engine.stateFile, "utf8");
    for (const plaintext of [secretKey, SECRET_INPUT, SECRET_CONFIG]) expect(file).not.toContain(plaintext);
    expect(file).toMatch(/"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",\s*"ciphertext": "v1:/);
    expect(file).toContain('"type": "passphrase"');
    expect(fs.readdirSync(s.stateDir)).toEqual(["dev.json"]); // written atomically: no temporary file left

    const state = await engine.readState();
    const t = state.resources.find((r) => r.name === "t");
    expect(t?.outputs).toMatchObject({ secretKey, value: SECRET_INPUT, note: SECRET_CONFIG });
    // A secret input stays secret in the outputs (same key); additionalSecretOutputs marks secretKey.
    expect(t?.secretOutputKeys.sort()).toEqual(["note", "secretKey", "value"]);
    expect(t?.secretInputKeys.sort()).toEqual(["note", "value"]);
    expect(state.outputs).toMatchObject({ key: secretKey, greeting: "hi" });
    expect(state.secretOutputKeys).toEqual(["key"]);
  });

  test("masks in free text what the CLI masks: stack-config secrets only; values shown are [secret]", async ({ s, expect }) => {
    const logged: string[] = [];
    const engine = secretProgram(s);
    engine.options.log = (line) => logged.push(line);
    const preview = await engine.preview();
    const up = await engine.up();
    const secretKey = (Object.values(s.things())[0]?.secretKey ?? "") as string;

    expect(up.outputs).toMatchObject({ key: "[secret]", greeting: "hi" });
    expect(up.report).toContain("value: [secret]");
    expect(up.report).toContain("key: [secret]");
    // The provider logged its inputs: the config secret (note) is masked, the program's secret is printed in clear,
    // as the real CLI prints it (only `pulumi config set --secret` values are known to its filter).
    expect(engine.hostLogs()).toContain(`creating t (value ${SECRET_INPUT}, note [secret])`);
    expect(logged).toContain(`host: creating t (value ${SECRET_INPUT}, note [secret])`);
    const printed = JSON.stringify([preview, up, logged, engine.hostLogs()]);
    for (const plaintext of [secretKey, SECRET_CONFIG]) expect(printed).not.toContain(plaintext);
  });

  test("masks a config secret in an error message, but not the engine's own words equal to it, nor true/false", async ({ s, expect }) => {
    const engine = s.engine(
      () => {
        new Thing("bad", { value: "engine invalid true" });
      },
      { config: { "engine:token": { value: "engine", secret: true }, "engine:flag": { value: "true", secret: true } } },
    );

    const result = await engine.preview();

    expect(result.ok).toBe(false);
    expect(result.errors[0]?.message).toBe(
      "pulumi-nodejs:dynamic/engine:Thing resource 'bad': property value value {[secret] invalid true} has a problem: value must not contain the word 'invalid'",
    );
    expect(result.report).toContain("pulumi-nodejs:dynamic/engine:Thing bad");
  });

  test("refuses a wrong passphrase", async ({ s, expect }) => {
    const engine = secretProgram(s);
    expect((await engine.up()).ok).toBe(true);

    engine.options.passphrase = "not the passphrase";
    const result = await engine.up();

    expect(result.ok).toBe(false);
    expect(result.errors[0]?.message).toMatch(/incorrect passphrase/);
    await expect(engine.readState()).rejects.toThrow(/incorrect passphrase/);
  });

  test("additionalSecretOutputs marks outputs only, not the input of the same name", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("t", { value: "plain" }, { additionalSecretOutputs: ["value", "secretKey"] });
    });
    expect((await engine.up()).ok).toBe(true);

    const t = (await engine.readState()).resources.find((r) => r.name === "t");
    expect(t?.secretOutputKeys.sort()).toEqual(["secretKey", "value"]);
    expect(t?.secretInputKeys).toEqual([]);
  });
});
