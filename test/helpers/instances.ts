// Workbench instances as a user starts them (`npm start` in a process group of its own), for the e2e
// suite's global setup and the tests that start, kill and restart instances of their own.
import { spawn } from "node:child_process";

export async function waitUntilUp(url: string, server: { exitCode: number | null }, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The workbench did not come up at ${url} within ${timeoutMs / 1000}s:\n${log()}`);
}

/** The e2e server's upload limit: past Next's 10 MB proxy buffer (a 30 MB batch must arrive whole), small enough for a test to pass it. */
export const API_MAX_UPLOAD_BYTES = 40_000_000;

export function stop(pid: number | undefined, signal: NodeJS.Signals = "SIGTERM") {
  try {
    if (pid) process.kill(-pid, signal); // the whole group: npm start and the next server it spawned
  } catch {
    // already gone
  }
}

/** `npm start` with this environment, in a process group of its own; its output is kept for errors. */
export function startInstance(env: Record<string, string>) {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/start.ts"], {
    // webhooks: two attempts a second apart, so a test sees a dead receiver's delivery fail
    env: {
      ...process.env,
      NODE_ENV: "production",
      API_MAX_UPLOAD_BYTES: String(API_MAX_UPLOAD_BYTES),
      WEBHOOK_ATTEMPTS: "2",
      WEBHOOK_RETRY_SECONDS: "1",
      WEBHOOK_ALLOW_HTTP: "1",
      WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return { child, output: () => output };
}

export const exited = (child: { exitCode: number | null; once(e: "exit", f: () => void): unknown }) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(resolve, 15_000);
    child.once("exit", () => (clearTimeout(timer), resolve()));
  });
