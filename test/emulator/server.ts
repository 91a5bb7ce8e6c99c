/**
 * One HTTP(S) listener: reads the request, hands /_emulator calls to the control API, applies a fault if a rule
 * fires, runs the service's handler and delivers (or withholds, delays, corrupts) its reply. Counts connections and
 * requests, and keeps hanging sockets so close() can end them.
 */
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import type { Clock } from "./clock";
import type { FaultRegistry } from "./faults";
import type { Reply } from "./reply";
import type { Stats } from "./stats";
import type { Fault, Target } from "./types";

export interface IncomingRequest {
  method: string;
  /** Path and query exactly as received. */
  uri: string;
  pathname: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request matched to a route: its stats key and the work to do. */
export interface Resolved {
  /** Route template key, e.g. "PUT /_security/cross_cluster/api_key/{id}". */
  route: string;
  execute(request: IncomingRequest): Reply;
}

export interface Service {
  readonly target: Target;
  resolve(method: string, pathname: string): Resolved;
  /** The API's own error envelope for an injected status. */
  faultReply(status: number): Reply;
}

export type ControlHandler = (request: IncomingRequest) => Reply | Promise<Reply>;

export interface ListenerOptions {
  service: Service;
  host: string;
  port: number;
  tls?: { key: string; cert: string };
  stats: Stats;
  faults: FaultRegistry;
  clock: Clock;
  /** Serves /_emulator/* (unauthenticated, uncounted, never faulted). */
  control?: ControlHandler;
}

interface SocketState {
  epoch: number;
  /** Whether a non-control request arrived on this connection. */
  served: boolean;
  uncounted: boolean;
}

function isControl(pathname: string): boolean {
  return pathname === "/_emulator" || pathname.startsWith("/_emulator/");
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

/** A prefix of the real body: never valid JSON, since every reply body is an object (or empty). */
function malformed(reply: Reply): Reply {
  const body = reply.body.length > 1 ? reply.body.slice(0, Math.floor(reply.body.length / 2)) : "{";
  return { ...reply, body };
}

export class Listener {
  private readonly server: http.Server | https.Server;
  private readonly sockets = new WeakMap<Socket, SocketState>();
  private readonly hanging = new Set<Socket>();
  private closed = false;
  url = "";

  private constructor(private readonly options: ListenerOptions) {
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      this.onRequest(req, res).catch((error: unknown) => {
        process.stderr.write(`emulator: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
        if (!res.headersSent) send(res, options.service.faultReply(500));
      });
    };
    this.server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : http.createServer(onRequest);
    // For TLS the request's socket is the TLSSocket, known only after the handshake.
    this.server.on(options.tls ? "secureConnection" : "connection", (socket: Socket) => {
      options.stats.countConnection(options.service.target, 1);
      this.sockets.set(socket, { epoch: options.stats.epoch, served: false, uncounted: false });
    });
  }

  static async start(options: ListenerOptions): Promise<Listener> {
    const listener = new Listener(options);
    await new Promise<void>((resolve, reject) => {
      listener.server.once("error", reject);
      listener.server.listen(options.port, options.host, () => {
        listener.server.off("error", reject);
        resolve();
      });
    });
    const address = listener.server.address();
    const port = typeof address === "object" && address ? address.port : options.port;
    const host = options.host.includes(":") ? `[${options.host}]` : options.host;
    listener.url = `${options.tls ? "https" : "http"}://${host}:${port}`;
    return listener;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const socket of this.hanging) socket.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private hang(socket: Socket): void {
    this.hanging.add(socket);
    socket.once("close", () => this.hanging.delete(socket));
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { service, stats, faults, clock, control } = this.options;
    const method = (req.method ?? "GET").toUpperCase();
    const uri = req.url ?? "/";
    const q = uri.indexOf("?");
    const pathname = q < 0 ? uri : uri.slice(0, q);
    const query = new URLSearchParams(q < 0 ? "" : uri.slice(q + 1));
    const socket = req.socket;
    const state = this.sockets.get(socket);

    if (control && isControl(pathname)) {
      // Connections used only by the control API are not client connections.
      if (state && !state.served && !state.uncounted && state.epoch === stats.epoch) {
        state.uncounted = true;
        stats.countConnection(service.target, -1);
      }
      const body = await readBody(req).catch(() => undefined);
      if (body !== undefined) send(res, await control({ method, uri, pathname, query, headers: req.headers, body }));
      return;
    }
    if (state) state.served = true;

    const resolved = service.resolve(method, pathname);
    const record = stats.begin({ target: service.target, method, route: resolved.route, path: pathname, status: "hang", at: clock.now() });
    // The body is read before any fault is chosen, so rules can match on it; nothing is processed yet.
    // A client that goes away mid-body leaves nothing to process or answer.
    const body = await readBody(req).catch(() => undefined);
    if (body === undefined) {
      record.status = "reset";
      return;
    }
    const fault: Fault | undefined = faults.take(service.target, method, pathname, uri, body);

    if (fault?.kind === "reset-before") {
      record.status = "reset";
      socket.destroy();
      return;
    }
    if (fault?.kind === "hang" && !fault.process) {
      this.hang(socket);
      return;
    }
    if (fault?.kind === "latency") await delay(fault.ms);
    if (this.closed) return;
    if (fault?.kind === "status") {
      const reply = service.faultReply(fault.status);
      if (fault.body !== undefined) {
        reply.body = typeof fault.body === "string" ? fault.body : JSON.stringify(fault.body);
      }
      if (fault.headers !== undefined) reply.headers = { ...fault.headers };
      if (fault.retryAfter !== undefined) reply.headers = { ...reply.headers, "retry-after": String(fault.retryAfter) };
      record.status = reply.status;
      send(res, reply);
      return;
    }
    if (fault?.kind === "malformed" && fault.process === false) {
      record.status = 200;
      send(res, malformed({ status: 200, headers: { "content-type": "application/json" }, body: "" }));
      return;
    }

    const reply = resolved.execute({ method, uri, pathname, query, headers: req.headers, body });
    switch (fault?.kind) {
      case "reset-after":
        record.status = "reset";
        socket.destroy();
        return;
      case "hang":
        this.hang(socket);
        return;
      case "malformed":
        record.status = reply.status;
        send(res, malformed(reply));
        return;
      default:
        record.status = reply.status;
        send(res, reply);
    }
  }
}
