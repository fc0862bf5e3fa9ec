import fs from "node:fs";
import path from "node:path";

// What the workbench keeps on disk (the session secret, the database password, backups, exports,
// uploads) is its owner's alone: folders 700, files 600. Modes are set on every write, not only on
// creation, so a folder or file that was made wider (by hand, an older version, a umask) is narrowed.
// Not "server-only": lib/db/embedded-postgres.ts, which uses it, loads without the react-server
// condition too (test/helpers/exit-code-fixture.ts); node:fs keeps it out of the browser anyway.

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** The embedded PostgreSQL's cluster inside DATA_DIR. */
export const CLUSTER_FOLDER = "postgres";
/** DATA_DIR as root with the cluster in it: its group (the postgres user's) may pass through, not list; others nothing. */
const PASS_THROUGH_MODE = 0o710;

const isRoot = () => process.getuid?.() === 0;

/**
 * `dir`, created where missing and made owner-only (700); missing parents are created as the
 * system makes them (a private parent could shut out the postgres user). `reachableBy` names a
 * folder inside `dir` that must stay reachable to the other user who owns it: as root, when that
 * folder exists and is someone else's (the embedded cluster, run as `postgres`), `dir` is 0710 with
 * that folder's group. `fixExisting: false` leaves a folder that exists as it is (a folder someone
 * named, such as `cli export --out .`, which may hold more than the workbench's files).
 */
export function privateDir(dir: string, opts: { reachableBy?: string; fixExisting?: boolean } = {}): string {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    fs.mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    if (opts.fixExisting === false) return dir;
  }
  const st = fs.statSync(dir);
  const other = opts.reachableBy && isRoot() ? ownerElse(opts.reachableBy) : null;
  if (other && st.gid !== other.gid) fs.chownSync(dir, st.uid, other.gid);
  const mode = other ? PASS_THROUGH_MODE : PRIVATE_DIR_MODE;
  if ((st.mode & 0o7777) !== mode) fs.chmodSync(dir, mode);
  return dir;
}

/** The owner of `p` when it exists and is not this process's user. */
function ownerElse(p: string): { gid: number } | null {
  try {
    const st = fs.statSync(p);
    return st.uid === process.getuid?.() ? null : { gid: st.gid };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/**
 * DATA_DIR made private (0700, or 0710 for the postgres group as root when the embedded cluster
 * lives in it), then each folder of `sub` under it in turn. Returns the innermost folder.
 */
export function privateDataDir(dataDir: string, ...sub: string[]): string {
  let dir = privateDir(dataDir, { reachableBy: path.join(dataDir, CLUSTER_FOLDER) });
  for (const name of sub) dir = privateDir(path.join(dir, name));
  return dir;
}

/** Opens `file` for writing (truncated, or `wx`: only if new), mode 600 even when it existed with a wider one. Returns the descriptor. */
export function openPrivateFile(file: string, flags: "w" | "wx" = "w"): number {
  const fd = fs.openSync(file, flags, PRIVATE_FILE_MODE);
  try {
    if ((fs.fstatSync(fd).mode & 0o7777) !== PRIVATE_FILE_MODE) fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  return fd;
}

/** A write stream on `file`, opened by openPrivateFile (mode 600). */
export function privateWriteStream(file: string): fs.WriteStream {
  return fs.createWriteStream(file, { fd: openPrivateFile(file) });
}

/** Writes `data` to `file`, mode 600. */
export function writePrivateFile(file: string, data: string | NodeJS.ArrayBufferView): void {
  const fd = openPrivateFile(file);
  try {
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

/** Narrows an existing file that others may read to 600 (one kept from an earlier version, or made by hand). */
export function keepFilePrivate(file: string): void {
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Whether a failed write failed for want of room (a full disk, or a quota). */
export const diskFull = (e: unknown): boolean => ["ENOSPC", "EDQUOT"].includes((e as NodeJS.ErrnoException | undefined)?.code ?? "");
