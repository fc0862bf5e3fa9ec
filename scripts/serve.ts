// The web server `npm start` runs (scripts/start.ts spawns it, after the build): Next's request
// handler behind a plain node:http server, which is what `next start` is, plus one thing: every
// request carries the connection's address in x-workbench-peer, written over whatever a client
// sent under that name. A route handler sees no socket, and X-Forwarded-For is the client's to write
// (Next only fills it in when it is missing), so without this the login throttle could not tell
// who is knocking (lib/domain/client-address.ts). Production only: `next dev` stays as it is.
import http from "node:http";
import next from "next";
import { PEER_HEADER, PEER_HEADER_ENV } from "../lib/domain/client-address";

const port = Number(process.env.PORT ?? 3000);
// as `next start` sets them; and the word to the app that PEER_HEADER is this server's
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production", [PEER_HEADER_ENV]: "1" });

const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.listen(port, () => console.log(`Serving on port ${port}.`));

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
