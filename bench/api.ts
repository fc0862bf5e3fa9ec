// npm run bench -- api [--records N]
//   A demo batch of about N lines (default 1,000,000, verdicts from three annotators): imported with
//   the CLI into one fresh database, and uploaded to POST /api/v1/projects/{id}/batches of a
//   `next start` server on another over loopback, streamed, and imported there by a worker process
//   (as `npm start` runs one), while the resident memory of the server and the worker is sampled. Then the pipeline tails every verdict of the project with GET .../verdicts, 10,000 a page.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { writeDemoBatch } from "../lib/cli/commands/demo";
import { machine } from "./load-project";
import { startNextServer } from "./next-server";
import { benchServer } from "./postgres";

const ANNOTATORS = ["bench1@example.org", "bench2@example.org", "bench3@example.org"];

export async function benchApi(records: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-api-"));
  const file = path.join(dir, "batch.jsonl");
  const lines = await writeDemoBatch({ out: file, users: Math.max(1, Math.round(records / 26)), seed: "bench-api", annotators: ANNOTATORS });
  const bytes = fs.statSync(file).size;
  process.stderr.write(`${lines} lines, ${(bytes / 1e6).toFixed(0)} MB\n`);
  const pg = await benchServer();
  process.env.DATA_DIR = dir;
  const { openDb } = await import("../lib/db/client");
  const { col, row } = await import("../lib/db/columns");
  const { sql } = await import("../lib/db/sql");
  const { ensureQueues } = await import("../lib/server/jobs/queue");
  const { createApiToken } = await import("../lib/server/auth/api-tokens");
  const Id = row({ id: col.int });
  const prepare = async (name: string) => {
    const url = await pg.database(name);
    await ensureQueues(url);
    const db = openDb(url);
    for (const email of ANNOTATORS) await db.exec(sql`INSERT INTO "Account" ("email", "role", "passwordHash") VALUES (${email}, 'annotator', 'x')`);
    return { url, db };
  };

  // the CLI, as a user runs it
  const cli = await prepare("cli");
  await cli.db.close();
  let started = performance.now();
  execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/main.ts", "import", file, "--project", "bench", "--assign", ANNOTATORS.join(","), "--json"], {
    env: { ...process.env, DATABASE_URL: cli.url, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const cliSeconds = (performance.now() - started) / 1000;

  // the API
  const api = await prepare("api");
  const { id: lead } = await api.db.one(Id, sql`INSERT INTO "Account" ("email", "role", "passwordHash") VALUES ('lead@example.org', 'lead', 'x') RETURNING "id"`);
  const { id: projectId } = await api.db.one(Id, sql`INSERT INTO "Project" ("name", "updatedAt") VALUES ('bench', ${new Date()}) RETURNING "id"`);
  // the lead and the annotators whose verdicts the batch carries are the project's members
  await api.db.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") SELECT ${projectId}, "id", ${new Date()} FROM "Account"`);
  await api.db.close();
  const tokenDb = openDb(api.url);
  const { secret } = await tokenDb.tx((t) => createApiToken({ accountId: lead, name: "bench", scope: "write" }, { actorLabel: "bench" }, t));
  await tokenDb.close();
  const server = await startNextServer(api.url, { API_RATE_LIMIT: "1000000", DATA_DIR: dir });
  // the worker that imports the upload, in a process of its own as `npm start` runs it
  const worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], { env: { ...process.env, DATABASE_URL: api.url, DATA_DIR: dir }, stdio: "ignore" });
  const workerPeakRssMb = () => {
    try {
      return Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${worker.pid}/status`, "utf8"))?.[1]) / 1024);
    } catch {
      return null;
    }
  };
  const idleRssMb = server.rssMb();
  let peakRssMb = idleRssMb;
  let peakOwnRssMb = server.ownRssMb();
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, server.rssMb());
    peakOwnRssMb = Math.max(peakOwnRssMb, server.ownRssMb());
  }, 200);
  try {
    started = performance.now();
    const r = await fetch(`${server.base}/api/v1/projects/${projectId}/batches?file=batch.jsonl`, {
      method: "POST",
      headers: { Authorization: `Bearer ${secret}`, "content-type": "application/x-ndjson", "content-length": String(bytes) },
      body: Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    const result = (await r.json()) as { ok: boolean; summary: Record<string, number> };
    const uploadSeconds = (performance.now() - started) / 1000;
    const workerRssMb = workerPeakRssMb();
    if (r.status !== 200 || !result.ok) throw new Error(`upload answered ${r.status}: ${JSON.stringify(result).slice(0, 300)}`);
    clearInterval(sampler);

    started = performance.now();
    let events = 0;
    let since = "";
    for (;;) {
      const page = (await fetch(`${server.base}/api/v1/projects/${projectId}/verdicts?limit=10000${since ? `&since=${since}` : ""}`, { headers: { Authorization: `Bearer ${secret}` } }).then((x) =>
        x.json(),
      )) as {
        events: unknown[];
        next: string;
        hasMore: boolean;
      };
      events += page.events.length;
      since = page.next;
      if (!page.hasMore) break;
    }
    const tailSeconds = (performance.now() - started) / 1000;
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString().slice(0, 10),
          machine: machine(),
          lines,
          fileMb: Math.round(bytes / 1e6),
          cliImportSeconds: +cliSeconds.toFixed(1),
          apiUpload: {
            seconds: +uploadSeconds.toFixed(1),
            ratioToCli: +(uploadSeconds / cliSeconds).toFixed(2),
            serverIdleRssMb: idleRssMb,
            serverPeakRssMb: peakOwnRssMb,
            serverTreePeakRssMb: peakRssMb,
            workerPeakRssMb: workerRssMb,
            summary: result.summary,
          },
          tail: { events, seconds: +tailSeconds.toFixed(2), eventsPerSecond: Math.round(events / tailSeconds) },
          targets: { ratioToCli: 1.5, serverPeakRssMb: 400, tailEventsPerSecond: 20_000 },
        },
        null,
        2,
      ),
    );
  } finally {
    clearInterval(sampler);
    server.stop();
    worker.kill("SIGTERM");
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
