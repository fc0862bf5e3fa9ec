import fs from "node:fs";
import os from "node:os";
import type pg from "pg";
import { z } from "zod";
import { col, row } from "./columns";
import type { Queryable } from "./queryable";
import { sql } from "./sql";

/**
 * Background work (the job worker, `cli import`) runs at a low CPU priority, and so must the
 * PostgreSQL backends that do its queries, or an import's merge takes the cores from reviewers'
 * claims as an equal. Once a process says it is background work, each connection its pools open
 * renices its own backend to the same nice value, when the server is on this machine: the backend
 * sees this very TCP socket coming from the loopback, and its pid is a local "postgres" process (a
 * server in a container or on another host, or one reached over a Unix socket, is left alone; see
 * docs/deployment.md for an external server). Renicing another user's process needs root or the
 * same user: the embedded cluster runs as the workbench's own user.
 */
let backgroundNice: number | null = null;
let background = false;

/** What background work's connections call themselves (application_name), so that peopleAreWorking can leave them out. */
export const BACKGROUND_APPLICATION = "workbench-background";

/** From now on, this process is background work: its connections say so, and run their backends at `nice` (0 leaves the priority alone). */
export function runBackendsAtNice(nice: number): void {
  background = true;
  backgroundNice = nice > 0 ? nice : null;
}

/** The application_name of this process's new connections. */
export function applicationName(): string {
  return background ? BACKGROUND_APPLICATION : "workbench";
}

/**
 * Whether anything but background work has used the database in the last few seconds: an app
 * server answering people (or any other client). A connection whose details this role may not see
 * counts as working. Background work asks between its steps, to do them one at a time while people
 * need the cores (an import prepares its next chunk during a merge only when nobody is).
 */
export async function peopleAreWorking(q: Queryable): Promise<boolean> {
  const r = await q.one(
    row({ working: z.boolean() }),
    sql`SELECT EXISTS (
          SELECT 1 FROM pg_stat_activity
          WHERE "backend_type" = 'client backend' AND "pid" <> pg_backend_pid() AND "datname" = current_database()
            AND "application_name" IS DISTINCT FROM ${BACKGROUND_APPLICATION}
            AND ("state" IS NULL OR "state" <> 'idle' OR "state_change" > now() - interval '5 seconds')
        ) AS "working"`,
  );
  return r.working;
}

const Backend = row({ pid: col.int, addr: col.text.nullable(), port: col.int.nullable() });

/** The `pg` client's socket, to tell our own connection from another one. */
type WithSocket = pg.ClientBase & { connection?: { stream?: { localPort?: number } } };

/**
 * Lowers the priority of the backend behind a new connection, if this process is background work
 * and the backend is on this machine; says why not when it tried and could not (null otherwise).
 */
export async function reniceBackend(client: pg.ClientBase): Promise<string | null> {
  if (backgroundNice === null) return null;
  const r = await client.query(`SELECT pg_backend_pid() AS "pid", host(inet_client_addr()) AS "addr", inet_client_port() AS "port"`);
  const b = Backend.parse(r.rows[0]);
  const localPort = (client as WithSocket).connection?.stream?.localPort;
  // only a connection we can tell is this very socket: over TCP from the loopback, from our own port
  // (over a Unix socket a pooler such as pgbouncer could hand us a backend others share)
  const ours = (b.addr === "127.0.0.1" || b.addr === "::1") && localPort !== undefined && b.port === localPort;
  if (!ours || !isLocalPostgres(b.pid)) return null;
  try {
    if (os.getPriority(b.pid) < backgroundNice) os.setPriority(b.pid, backgroundNice);
    return null;
  } catch (e) {
    return `could not lower the priority of PostgreSQL backend ${b.pid} to nice ${backgroundNice}: ${(e as Error).message}`;
  }
}

/** Whether `pid` is a PostgreSQL process on this machine (Linux: its command name). */
function isLocalPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
  } catch {
    return false;
  }
}
