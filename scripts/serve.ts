// The web server `npm start` runs (scripts/start.ts spawns it, after the build): Next's request
// handler behind a plain node:http server, which is what `next start` is, plus one thing: every
// request carries the connection's address in x-workbench-peer, written over whatever a client
// sent under that name. A route handler sees no socket, and X-Forwarded-For is the client's to write
// (Next only fills it in when it is missing), so without this the login throttle could not tell
// who is knocking (lib/domain/client-address.ts). And while the database is away (killed, restarting,
// out of reach: lib/db/database-watch.ts knows at once), every request but a static file is answered
// 503 with Retry-After here, before the app would fail or wait on it. Production only: `next dev`
// stays as it is.
import http from "node:http";
import next from "next";
import { watchDatabase } from "../lib/db/database-watch";
import { PEER_HEADER, PEER_HEADER_ENV } from "../lib/domain/client-address";
import { unavailableAnswer } from "../lib/domain/unavailable-answer";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE } from "../lib/errors";
import { installLastResort } from "./last-resort";

installLastResort("[server]", { exitOnUnexpected: false });

const port = Number(process.env.PORT ?? 3000);
// as `next start` sets them; and the word to the app that PEER_HEADER is this server's
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production", [PEER_HEADER_ENV]: "1" });

const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

const database = process.env.DATABASE_URL
  ? watchDatabase(process.env.DATABASE_URL, {
      onChange: (up, reason) => console.log(up ? "Database: back; serving again." : `Database: unavailable (${reason}); answering 503 until it is back.`),
    })
  : null;

const server = http.createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  const pathname = (req.url ?? "/").split("?")[0];
  if (database && !database.available() && !pathname.startsWith("/_next/static/")) {
    const answer = unavailableAnswer(pathname, DATABASE_UNAVAILABLE, DATABASE_RETRY_AFTER_SECONDS);
    res.writeHead(answer.status, answer.headers).end(answer.body);
    return;
  }
  void handle(req, res);
});
server.listen(port, () => console.log(`Serving on port ${port}.`));

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
