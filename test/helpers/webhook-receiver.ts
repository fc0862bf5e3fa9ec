import http from "node:http";
import type net from "node:net";

export interface Received {
  headers: Record<string, string | undefined>;
  body: string;
  at: number;
}

/**
 * A real HTTP server that takes webhook deliveries on a port and keeps them; `answer` decides the
 * status. `kill()` closes it and cuts its open connections, as a receiver that dies does;
 * `start()` brings it back on the same port.
 */
export function webhookReceiver(port: number, answer: (r: Received) => number = () => 200) {
  const received: Received[] = [];
  let server: http.Server | null = null;
  const sockets = new Set<net.Socket>();
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const r: Received = { headers: req.headers as Record<string, string | undefined>, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
          received.push(r);
          res.writeHead(answer(r), { "content-type": "text/plain" }).end("ok");
        });
      });
      server.on("connection", (s) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const kill = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
      server = null;
    });
  return { url: `http://127.0.0.1:${port}/hooks`, received, start, kill, events: () => received.map((r) => JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> }) };
}
