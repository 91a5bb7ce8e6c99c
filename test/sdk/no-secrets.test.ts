import { beforeAll, describe, expect, it } from "vitest";
import { CloudClient, ElasticsearchClient } from "../../sdk";
import type { Emulator } from "../emulator";
import { closedPortUrl, expectNoSecrets, FAST_RETRY, rejectionOf, reply, SHORT_TIMEOUTS, startServer, useFastClients } from "./helpers";

let emulator: Emulator;
let es: ElasticsearchClient;
let cloud: CloudClient;
const WRONG_PASSWORD = "wrong-password-that-is-secret";

const clients = useFastClients();
beforeAll(() => {
  ({ emulator, es, cloud } = clients);
});

/** Everything secret in this test run: what the emulator issued or accepted, plus every credential used. */
function allSecrets(): string[] {
  const c = emulator.credentials;
  return [
    ...emulator.issuedSecrets(),
    c.superuser.password,
    c.apiKeyAdmin.password,
    c.noPrivileges.password,
    c.bearerToken,
    c.restApiKey.api_key,
    c.restApiKey.encoded,
    c.cloudApiKey,
    c.cloudReadOnlyApiKey,
    WRONG_PASSWORD,
    Buffer.from(`${c.superuser.username}:${c.superuser.password}`).toString("base64"),
  ];
}

const access = { search: [{ names: "*" }] };

describe("no error ever shows a credential or key material", () => {
  const failures: [string, () => Promise<unknown>][] = [
    [
      "create cross-cluster key, malformed 2xx (the key was issued)",
      () => {
        emulator.faults.inject({ target: "es", method: "POST", path: "/_security/cross_cluster/api_key", times: 1, fault: { kind: "malformed" } });
        return es.createCrossClusterApiKey({ name: "secret-1", access });
      },
    ],
    [
      "create REST key, reset after processing",
      () => {
        emulator.faults.inject({ target: "es", method: "POST", path: "/_security/api_key", times: 1, fault: { kind: "reset-after" } });
        return es.createApiKey({ name: "secret-2" });
      },
    ],
    [
      "create connector secret, malformed 2xx",
      () => {
        emulator.faults.inject({ target: "es", method: "POST", path: "/_connector/_secret", times: 1, fault: { kind: "malformed" } });
        return es.createConnectorSecret({ value: "connector-secret-value-1" });
      },
    ],
    [
      "create connector secret, hang",
      () => {
        emulator.faults.inject({ target: "es", method: "POST", path: "/_connector/_secret", times: 1, fault: { kind: "hang" } });
        return es.createConnectorSecret({ value: "connector-secret-value-2" });
      },
    ],
    [
      "get connector secret, malformed 2xx on every attempt",
      async () => {
        const { id } = await es.createConnectorSecret({ value: "connector-secret-value-3" });
        emulator.faults.inject({ target: "es", method: "GET", path: /_connector\/_secret\//, times: Infinity, fault: { kind: "malformed" } });
        return es.getConnectorSecret(id);
      },
    ],
    [
      "rotate cluster key, malformed 2xx",
      () => {
        emulator.faults.inject({ target: "cloud", method: "POST", path: /_rotate$/, times: 1, fault: { kind: "malformed" } });
        return cloud.rotateClusterApiKey(emulator.defaultClusterId);
      },
    ],
    [
      "rotate cluster key, hang",
      () => {
        emulator.faults.inject({ target: "cloud", method: "POST", path: /_rotate$/, times: 1, fault: { kind: "hang" } });
        return cloud.rotateClusterApiKey(emulator.defaultClusterId);
      },
    ],
    [
      "wrong password",
      async () => {
        const bad = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", username: "elastic", password: WRONG_PASSWORD } });
        try {
          return await bad.info();
        } finally {
          await bad.close();
        }
      },
    ],
    [
      "a cross-cluster key used as REST credentials",
      async () => {
        const key = await es.createCrossClusterApiKey({ name: "as-credential", access });
        const viaKey = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "apiKey", encoded: key.encoded } });
        try {
          return await viaKey.info();
        } finally {
          await viaKey.close();
        }
      },
    ],
    [
      "an API key creating a cross-cluster key",
      async () => {
        const viaKey = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "apiKey", encoded: emulator.credentials.restApiKey.encoded } });
        try {
          return await viaKey.createCrossClusterApiKey({ name: "refused", access });
        } finally {
          await viaKey.close();
        }
      },
    ],
    [
      "wrong Cloud key",
      async () => {
        const bad = new CloudClient({ endpoint: emulator.cloudUrl, apiKey: WRONG_PASSWORD });
        try {
          return await bad.getCluster(emulator.defaultClusterId);
        } finally {
          await bad.close();
        }
      },
    ],
    [
      "connection refused with a bearer token",
      async () => {
        const dead = new ElasticsearchClient({ endpoints: [await closedPortUrl()], auth: { type: "bearer", token: emulator.credentials.bearerToken }, retry: FAST_RETRY });
        try {
          return await dead.info();
        } finally {
          await dead.close();
        }
      },
    ],
  ];

  it.each(failures)("%s", async (_name, fail) => {
    const err = await rejectionOf(fail());
    expect(err.code).toMatch(/^ELASTIC_/);
    expectNoSecrets(err, allSecrets());
  });
});

describe("the redactor hides secrets that a server echoes", () => {
  it("in Elasticsearch reasons, Cloud messages and non-JSON bodies", async () => {
    const password = "echoed-password-123";
    const cloudKey = "echoed-cloud-key-456";
    const connectorSecret = "echoed-connector-secret-789";
    const server = await startServer((req, res, body) => {
      if (req.url === "/") return reply(res, 401, { error: { type: "security_exception", reason: `bad password ${password}` }, status: 401 });
      if (req.url === "/_connector/_secret")
        return reply(res, 400, { error: { type: "x", reason: `bad ${body}`, root_cause: [{ type: "x", reason: body }] }, status: 400 });
      if (req.url?.startsWith("/_connector/_secret/")) return reply(res, 200, { id: 7, value: connectorSecret });
      if (req.url?.startsWith("/api/v1")) return reply(res, 401, { errors: [{ message: `key ${String(req.headers.authorization)}`, code: "auth" }] });
      return reply(res, 500, `<pre>${JSON.stringify(req.headers)}</pre>`);
    });
    const client = new ElasticsearchClient({ endpoints: [server.url], auth: { type: "basic", username: "u", password } });
    const cloudClient = new CloudClient({ endpoint: server.url, apiKey: cloudKey });
    const errors = [
      await rejectionOf(client.info()),
      await rejectionOf(client.createConnectorSecret({ value: connectorSecret })),
      await rejectionOf(client.getConnectorSecret("s")),
      await rejectionOf(client.getConnector("x")),
      await rejectionOf(cloudClient.getCluster("0123456789abcdef0123456789abcdef")),
    ];
    for (const err of errors) expectNoSecrets(err, [password, cloudKey, connectorSecret, Buffer.from(`u:${password}`).toString("base64")]);
    expect(errors[0]?.message).toContain("[REDACTED]");
    await client.close();
    await cloudClient.close();
    await server.close();
  });
});
