// npm run bench -- server [--requests N]
//   What npm start's own server (scripts/serve.ts: Next's request handler behind node:http, which
//   writes each connection's address into a header for the login throttle) costs a request, beside
//   its bare reference, `next start` on the same build: both serve /login (a page through the proxy,
//   with its CSP nonce) to one client in turn, N requests a round (default 1,000), six rounds, each server first in every other.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded, NEXT_BIN } from "../scripts/build-if-needed";
import { freePort } from "../test/helpers/free-port";
import { machine } from "./load-project";

async function up(url: string) {
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

async function timings(url: string, n: number) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await (await fetch(url)).arrayBuffer();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: +ms[Math.floor(n * 0.5)].toFixed(2), p99: +ms[Math.floor(n * 0.99)].toFixed(2) };
}

export async function benchServer(requests: number) {
  buildIfNeeded();
  const [bare, ours] = [await freePort(), await freePort()];
  // /login reads no database: a URL that goes nowhere keeps the measure to the server layer
  const secret = randomBytes(48).toString("base64");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-server-"));
  const env = (port: number): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: secret,
    DATA_DIR: dataDir,
    DATABASE_URL: "postgres://bench:none@127.0.0.1:1/none",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const servers = [
    spawn(process.execPath, [NEXT_BIN, "start", "-p", String(bare)], { env: env(bare), stdio: "ignore" }),
    spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { env: env(ours), stdio: "ignore" }),
  ];
  try {
    const [a, b] = [`http://127.0.0.1:${bare}/login`, `http://127.0.0.1:${ours}/login`];
    await up(a);
    await up(b);
    await timings(a, 200); // warm both
    await timings(b, 200);
    const rounds = [];
    for (let round = 0; round < 6; round++) {
      // each goes first in every other round: neither gains from the machine's state
      if (round % 2 === 0) rounds.push({ nextStart: await timings(a, requests), serveTs: await timings(b, requests) });
      else rounds.push({ serveTs: await timings(b, requests), nextStart: await timings(a, requests) });
    }
    console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), machine: machine(), requests, unit: "ms per GET /login, one client", rounds }, null, 2));
  } finally {
    for (const s of servers) s.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
