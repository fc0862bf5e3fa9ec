import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { keepFilePrivate, privateDataDir, writePrivateFile } from "../private-files";

/**
 * The secret that signs session tokens. Never a value anyone can read: with NEXTAUTH_SECRET unset,
 * a random one is generated on first start and kept in the database (settleSessionSecret), so
 * sessions survive restarts and every instance, on whatever machine, signs with the same one; a
 * configured one that is short or appears anywhere in the repository (the README, the docs, an
 * example file, an old default) refuses to start in production. A process started without a
 * starter that settles it (next dev, a test) keeps one in DATA_DIR/auth-secret (mode 600).
 */

export const SECRET_FILE = "auth-secret";
export const MIN_SECRET_BYTES = 32;

/** Secrets that once shipped as defaults or examples: public forever, whatever the repository holds now. */
export const PUBLIC_SECRETS = ["humanllm-workbench-development-secret-change-me"];

export interface SessionSecret {
  secret: string;
  /**
   * where it came from: NEXTAUTH_SECRET; the database; the data directory's file, moved into the
   * database just now; generated just now (into the database, or the file when there is none)
   */
  source: "env" | "database" | "moved" | "file" | "generated";
  file?: string;
  /** a problem with a configured secret, outside production (in production it throws instead) */
  warning?: string;
}

export interface SecretOptions {
  configured: string | undefined;
  dataDir: string;
  production: boolean;
  /** the checkout whose files count as public (default: the working directory) */
  repoRoot?: string;
}

export function resolveSessionSecret(opts: SecretOptions): SessionSecret {
  if (opts.configured !== undefined && opts.configured !== "") {
    const problem = weakness(opts.configured, opts.repoRoot ?? process.cwd());
    if (problem && opts.production) {
      throw new Error(
        `NEXTAUTH_SECRET ${problem}, so anyone could forge a session with it. Refusing to start. Set it to a random value of ` +
          `${MIN_SECRET_BYTES} bytes or more (for example: openssl rand -base64 48), or unset it to have one generated into ${path.join(opts.dataDir, SECRET_FILE)}.`,
      );
    }
    return { secret: opts.configured, source: "env", warning: problem ? `NEXTAUTH_SECRET ${problem}; production refuses to start with it.` : undefined };
  }
  privateDataDir(opts.dataDir);
  return secretFromFile(path.join(opts.dataDir, SECRET_FILE));
}

/**
 * The secret every process of this workbench signs with, settled before the app's processes start
 * (npm start, a worker, a CLI command): NEXTAUTH_SECRET when configured (checked as
 * resolveSessionSecret does); otherwise the one `keep` finds in the database, or the candidate it
 * keeps there: an older install's DATA_DIR/auth-secret, so its sessions go on, else a random one.
 */
export async function settleSessionSecret(opts: SecretOptions, keep: (candidate: string) => Promise<string>): Promise<SessionSecret> {
  if (opts.configured !== undefined && opts.configured !== "") return resolveSessionSecret(opts);
  const file = path.join(opts.dataDir, SECRET_FILE);
  const local = readSecretFile(file);
  const candidate = local ?? randomBytes(48).toString("base64url");
  const secret = await keep(candidate);
  if (secret !== candidate) return { secret, source: "database" };
  return local ? { secret, source: "moved", file } : { secret, source: "generated" };
}

/**
 * The secret this process signs with: NEXTAUTH_SECRET as configured or as its starter settled it
 * (read from the environment now, not as lib/env saw it at load), else DATA_DIR's file.
 */
export function currentSessionSecret(dataDir: string): string {
  const configured = process.env.NEXTAUTH_SECRET;
  // checked once per value: the check reads the repository's files
  const known = current;
  if (known && known.configured === configured && known.dataDir === dataDir) return known.secret;
  const secret = resolveSessionSecret({ configured, dataDir, production: process.env.NODE_ENV === "production" }).secret;
  current = { configured, dataDir, secret };
  return secret;
}

let current: { configured: string | undefined; dataDir: string; secret: string } | null = null;

function weakness(secret: string, repoRoot: string): string | null {
  if (Buffer.byteLength(secret, "utf8") < MIN_SECRET_BYTES) return `is shorter than ${MIN_SECRET_BYTES} bytes`;
  if (PUBLIC_SECRETS.includes(secret)) return "is a default that was published with this project";
  const file = fileContaining(repoRoot, secret);
  if (file) return `appears in the repository (${file})`;
  return null;
}

const SKIP_DIRS = new Set(["node_modules", ".next", ".git", "data"]);
const MAX_SCANNED_BYTES = 2 << 20;

/** The first file under `root` (the repository's own, not dependencies or data) whose text contains `needle`. */
function fileContaining(root: string, needle: string): string | null {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(full);
      } else if (e.isFile()) {
        try {
          if (fs.statSync(full).size <= MAX_SCANNED_BYTES && fs.readFileSync(full, "utf8").includes(needle)) return path.relative(root, full);
        } catch {
          // unreadable: not something an attacker reads either
        }
      }
    }
  }
  return null;
}

function readSecretFile(file: string): string | null {
  try {
    const secret = fs.readFileSync(file, "utf8").trim();
    if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) return null;
    keepFilePrivate(file);
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

function secretFromFile(file: string): SessionSecret {
  const kept = readSecretFile(file);
  if (kept) return { secret: kept, source: "file", file };
  const secret = randomBytes(48).toString("base64url");
  const tmp = `${file}.${process.pid}.tmp`;
  writePrivateFile(tmp, `${secret}\n`);
  try {
    // another process starting at the same moment may have written one first: keep theirs
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const theirs = readSecretFile(file);
    if (theirs) {
      fs.rmSync(tmp, { force: true });
      return { secret: theirs, source: "file", file };
    }
    fs.renameSync(tmp, file); // an empty or truncated file: replace it
    return { secret, source: "generated", file };
  }
  fs.rmSync(tmp, { force: true });
  return { secret, source: "generated", file };
}
