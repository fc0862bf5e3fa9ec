import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors";

// The embedded PostgreSQL under DATA_DIR is shared by every process of the workbench that uses that
// folder (npm start, workers, CLI commands, started in any order and at once). Who starts or stops
// it decides under one lock (a file made with O_EXCL); each process using it keeps a file named by
// its pid in postgres.users/, and the last to leave stops it. A process killed without leaving is
// found dead by its pid and no longer counts.

const LOCK = "postgres.lock";
const USERS = "postgres.users";
const LOCK_WAIT_MS = 180_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Locks this process holds: a process that exits while holding one (process.exit mid-stop) releases it on its way out. */
const held = new Set<string>();
process.on("exit", () => {
  for (const file of held) fs.rmSync(file, { force: true });
});

/** Runs `work` holding the folder's start/stop lock, waiting for whoever holds it now. */
export async function withClusterLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const file = path.join(dataDir, LOCK);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx", mode: 0o600 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder: number;
    let age: number;
    try {
      holder = Number(fs.readFileSync(file, "utf8").trim());
      age = Date.now() - fs.statSync(file).mtimeMs;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // released meanwhile: try again
      throw e;
    }
    // a holder that died (killed while it started PostgreSQL) leaves the lock behind; so does one
    // killed between making the file and writing its pid into it
    if ((holder > 0 && !alive(holder)) || (!(holder > 0) && age > 5000)) fs.rmSync(file, { force: true });
    else if (Date.now() > deadline)
      throw new AppError("unavailable", `Another process of the workbench (pid ${holder}) has been starting or stopping PostgreSQL in ${dataDir} for 3 minutes: wait for it, or stop it.`);
    else await new Promise((r) => setTimeout(r, 100));
  }
  held.add(file);
  try {
    return await work();
  } finally {
    held.delete(file);
    fs.rmSync(file, { force: true });
  }
}

/** Counts this process as a user of the folder's cluster (call holding the lock). */
export function joinCluster(dataDir: string): void {
  fs.mkdirSync(path.join(dataDir, USERS), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dataDir, USERS, String(process.pid)), "", { mode: 0o600 });
}

/** Takes this process off the cluster's users (call holding the lock); how many live users remain. */
export function leaveCluster(dataDir: string): number {
  const folder = path.join(dataDir, USERS);
  fs.rmSync(path.join(folder, String(process.pid)), { force: true });
  let remaining = 0;
  for (const name of fs.existsSync(folder) ? fs.readdirSync(folder) : []) {
    if (alive(Number(name))) remaining++;
    else fs.rmSync(path.join(folder, name), { force: true });
  }
  return remaining;
}

/**
 * Leaving on the way out of a process that cannot wait (its "exit" event): under the lock when it
 * is free this instant, the last user asks the postmaster to stop (a smart shutdown, which waits for
 * this process's own sessions to close as it exits); when another process holds the lock, this one
 * only takes itself off the users, and that process, starting or stopping, counts without it.
 */
export function leaveClusterOnExit(dataDir: string, clusterDir: string): void {
  const lock = path.join(dataDir, LOCK);
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: "wx", mode: 0o600 });
  } catch {
    fs.rmSync(path.join(dataDir, USERS, String(process.pid)), { force: true });
    return;
  }
  try {
    const pid = postmasterPid(clusterDir);
    if (leaveCluster(dataDir) === 0 && pid !== null && alive(pid)) process.kill(pid, "SIGTERM");
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** The pid of the postmaster that runs (or ran) the cluster in `dir`, from its postmaster.pid; null when there is none. */
function postmasterPid(dir: string): number | null {
  const file = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, "utf8").split("\n")[0]);
  return pid > 0 ? pid : null;
}

/** Whether the postmaster of the cluster in `dir` is alive (false when it never ran, stopped or was killed). */
export function postmasterRuns(dir: string): boolean {
  const pid = postmasterPid(dir);
  return pid !== null && alive(pid);
}

/**
 * Before a start: a postmaster that runs but takes no connection is on its way out (its last user
 * asked it to stop as it exited): wait for it to go, up to `ms`.
 */
export async function awaitPostmasterGone(dir: string, ms = 30_000): Promise<void> {
  const pid = postmasterPid(dir);
  const deadline = Date.now() + ms;
  while (pid !== null && alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** A cluster killed without a clean shutdown leaves its postmaster.pid, which keeps it from starting again. */
export function removeStalePid(dir: string): void {
  const pid = postmasterPid(dir);
  if (pid !== null && !alive(pid)) fs.rmSync(path.join(dir, "postmaster.pid"), { force: true });
}

/**
 * Stops the cluster running in `dir` by its postmaster's pid, whoever started it, and waits until it
 * is gone: a smart shutdown first (SIGTERM: no new sessions, the open ones end by themselves, as a
 * client closing on its way out does), then a fast one (SIGINT) for sessions still open after 3 s.
 */
export async function stopPostmaster(dir: string): Promise<void> {
  const pid = postmasterPid(dir);
  if (pid === null || !alive(pid)) return;
  const gone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return !alive(pid);
  };
  process.kill(pid, "SIGTERM");
  if (await gone(3000)) return;
  process.kill(pid, "SIGINT");
  await gone(60_000);
}
