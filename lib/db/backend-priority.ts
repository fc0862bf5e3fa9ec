import fs from "node:fs";
import os from "node:os";
import type pg from "pg";
import { col, row } from "./columns";

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

/** From now on, this process's connections run their backends at `nice` (0 turns it off). */
export function runBackendsAtNice(nice: number): void {
  backgroundNice = nice > 0 ? nice : null;
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
