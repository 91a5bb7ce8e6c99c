import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Agent } from "undici";
import { describe, expect, it } from "vitest";
import { scanArtifact } from "../support/secret-registry";
import { basic, http } from "./helpers";
import { startEmulator } from "./index";

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("starting and stopping", () => {
  it("starts well under a second with two listeners and a default cluster", async () => {
    const started = performance.now();
    const e = await startEmulator();
    const elapsed = performance.now() - started;
    try {
      expect(elapsed).toBeLessThan(500);
      expect(e.esUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(e.cloudUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(e.esUrl).not.toBe(e.cloudUrl);
      expect(e.defaultClusterId).toMatch(/^[a-z0-9]{32}$/);
      expect(e.credentials.superuser.username).toBe("elastic");
      expect(e.credentials.apiKeyAdmin.username).toBe("key_admin");
      expect(e.credentials.noPrivileges.username).toBe("viewer");
      expect(e.credentials.restApiKey.encoded).toBe(
        Buffer.from(`${e.credentials.restApiKey.id}:${e.credentials.restApiKey.api_key}`).toString("base64"),
      );
      // A fresh cluster has no API key (upstream's GET and query counts rely on it).
      expect(e.inventory().apiKeys).toEqual([]);
    } finally {
      await e.close();
    }
  });

  it("pre-creates the superuser's REST key only with restApiKey: true", async () => {
    const plain = await startEmulator();
    const seeded = await startEmulator({ restApiKey: true });
    try {
      const auth = (e: typeof plain) => ({ auth: `ApiKey ${e.credentials.restApiKey.encoded}` });
      expect((await http(`${plain.esUrl}/_security/_authenticate`, auth(plain))).status).toBe(401);
      expect(seeded.inventory().apiKeys.map((k) => [k.id, k.username])).toEqual([[seeded.credentials.restApiKey.id, "elastic"]]);
      expect((await http(`${seeded.esUrl}/_security/_authenticate`, auth(seeded))).json).toMatchObject({
        username: "elastic",
        api_key: { id: seeded.credentials.restApiKey.id },
      });
    } finally {
      await Promise.all([plain.close(), seeded.close()]);
    }
  });

  it("gives each emulator its own random credentials and state", async () => {
    const [a, b] = await Promise.all([startEmulator(), startEmulator()]);
    try {
      expect(a.credentials.superuser.password).not.toBe(b.credentials.superuser.password);
      expect((await http(`${a.esUrl}/`, { auth: basic(b.credentials.superuser) })).status).toBe(401);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("starts the clock at `now` and lets it run", async () => {
    const e = await startEmulator({ now: Date.UTC(2030, 0, 1) });
    try {
      expect(e.clock.now()).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
      expect(e.clock.now()).toBeLessThan(Date.UTC(2030, 0, 1) + 5000);
    } finally {
      await e.close();
    }
  });

  it("releases its ports on close()", async () => {
    const e = await startEmulator();
    const port = Number(new URL(e.esUrl).port);
    await e.close();
    await new Promise<void>((resolve, reject) => {
      const server = createServer().once("error", reject).listen(port, "127.0.0.1", () => server.close(() => resolve()));
    });
  });

  it("fails cleanly when a port is taken", async () => {
    const first = await startEmulator();
    try {
      await expect(startEmulator({ cloudPort: Number(new URL(first.esUrl).port) })).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await first.close();
    }
  });

  it.skipIf(!hasOpenssl())("speaks HTTPS on both listeners when given a key and certificate", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "emulator-tls-"));
    try {
      execFileSync("openssl", [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
      ], { stdio: "ignore" });
      const cert = readFileSync(path.join(dir, "cert.pem"), "utf8");
      const e = await startEmulator({ tls: { key: readFileSync(path.join(dir, "key.pem"), "utf8"), cert } });
      const dispatcher = new Agent({ connect: { ca: cert } });
      try {
        expect(e.esUrl).toMatch(/^https:\/\//);
        expect(e.cloudUrl).toMatch(/^https:\/\//);
        expect((await http(`${e.esUrl}/`, { auth: basic(e.credentials.superuser), dispatcher })).status).toBe(200);
        const cloud = await http(`${e.cloudUrl}/api/v1/cloud-connected/clusters/${e.defaultClusterId}`, { auth: `ApiKey ${e.credentials.cloudApiKey}`, dispatcher });
        expect(cloud.status).toBe(200);
        expect(e.stats().connections).toEqual({ es: 1, cloud: 1 });
      } finally {
        await dispatcher.close();
        await e.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("cli", () => {
  const cli = path.join(__dirname, "cli.ts");
  const run = (args: string[]) => spawn(process.execPath, ["--import", "tsx", cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const firstLine = (child: ReturnType<typeof run>): Promise<string> =>
    new Promise((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        scanArtifact("emulator CLI stdout", chunk.toString());
        if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
      });
      child.once("exit", (code) => reject(new Error(`cli exited with ${code} before printing`)));
    });
  const exitCode = (child: ReturnType<typeof run>): Promise<number | string | null> =>
    new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));

  it("prints where it listens and stops on SIGTERM", async () => {
    const child = run(["--es-port", "0", "--cloud-port", "0", "--json"]);
    const info = JSON.parse(await firstLine(child)) as { esUrl: string; cloudUrl: string; defaultClusterId: string; credentials: { superuser: { username: string; password: string } } };
    expect(info.defaultClusterId).toMatch(/^[a-z0-9]{32}$/);
    expect((await http(`${info.esUrl}/`, { auth: basic(info.credentials.superuser) })).status).toBe(200);
    const exited = exitCode(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("prints a readable summary and stops on SIGINT", async () => {
    const child = run(["--es-port", "0", "--cloud-port", "0"]);
    expect(await firstLine(child)).toMatch(/^Elasticsearch emulator\s+http:\/\/127\.0\.0\.1:\d+$/);
    const exited = exitCode(child);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("exits with an error when an explicit port is busy", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const child = run(["--es-port", String(port), "--cloud-port", "0"]);
      let err = "";
      child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
      child.stderr!.on("end", () => scanArtifact("emulator CLI stderr", err));
      expect(await exitCode(child)).toBe(1);
      expect(err).toMatch(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });
});
