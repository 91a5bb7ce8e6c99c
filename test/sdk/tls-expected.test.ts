import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElasticsearchClient } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";
import { FAST_RETRY, rejectionOf } from "./helpers";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../fixtures/tls", name), "utf8");

describe("http:// pointed at a TLS port", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ tls: { key: fixture("server.key"), cert: fixture("server.crt") } });
  });
  afterAll(() => emulator.close());

  it("a create fails as a request that never ran (no unknown outcome) and asks whether https:// is needed", async () => {
    const es = new ElasticsearchClient({
      endpoints: [emulator.esUrl.replace(/^https:/, "http:")],
      auth: { type: "basic", ...emulator.credentials.superuser },
      retry: FAST_RETRY,
    });
    const err = await rejectionOf(es.createCrossClusterApiKey({ name: "plain", access: { search: [{ names: "*" }] } }));
    expect(err).toMatchObject({ code: "ELASTIC_REQUEST_FAILED", attempts: 1 });
    expect(err.message).toContain("does the endpoint need https://?");
    expect(err.message).not.toMatch(/outcome unknown/);
    expect(emulator.inventory().apiKeys.filter((k) => k.name === "plain")).toEqual([]);
    await es.close();
  });

  it("a plain server that closes without answering is still an unknown outcome for a create", async () => {
    const server: Server = createServer((socket) => socket.once("data", () => socket.destroy()));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const es = new ElasticsearchClient({ endpoints: [`http://127.0.0.1:${port}`], auth: { type: "basic", username: "u", password: "p" }, retry: FAST_RETRY });
      const err = await rejectionOf(es.createCrossClusterApiKey({ name: "x", access: { search: [{ names: "*" }] } }));
      expect(err.code).toBe("ELASTIC_OUTCOME_UNKNOWN");
      expect(err.message).not.toContain("https://?");
      await es.close();
    } finally {
      server.close();
    }
  });
});
