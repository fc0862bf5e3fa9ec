import fs from "node:fs";
import cliProgress from "cli-progress";
import { AppError } from "../../errors";
import { importIntoNamedProject } from "../../server/import/import-into-named-project";
import { CLI_ACTOR } from "../../server/record-audit";
import { BATCH_READ_BYTES } from "../../server/import/read-lines";
import { firstLines } from "../first-lines";

export interface ImportCommandOptions {
  project: string;
  /** annotators to make members of the project before its verdicts are imported */
  assign?: string[];
  json?: boolean;
}

/** `cli import FILE --project NAME [--json]`: returns the exit code. */
export async function importCommand(file: string, opts: ImportCommandOptions): Promise<number> {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error();
    size = stat.size;
  } catch {
    throw new AppError("not_found", `${file}: no such file`);
  }
  const name = file;
  const bad = firstLines();
  const conflicts = firstLines();
  const bar =
    !opts.json && process.stderr.isTTY ? new cliProgress.SingleBar({ format: "importing [{bar}] {percentage}% | {lines} lines", stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
  bar?.start(size, 0, { lines: 0 });
  const result = await importIntoNamedProject(opts.project, null, {
    assign: opts.assign,
    source: fs.createReadStream(file, { highWaterMark: BATCH_READ_BYTES }),
    fileName: name,
    actor: CLI_ACTOR,
    onProgress: (p) => bar?.update(p.bytes, { lines: p.lines }),
    onError: (i) => {
      bar?.stop();
      bad.write(`${name}${i.line ? `:${i.line}` : ""}: ${i.reason}`);
    },
    onConflict: (i) => conflicts.write(`${name}:${i.line}: ${i.reason}`),
  });
  bar?.stop();
  if (opts.json) process.stdout.write(`${JSON.stringify(result.summary)}\n`);
  if (!result.ok) {
    process.stderr.write(
      `${name}: ${result.errorCount} bad line${result.errorCount === 1 ? "" : "s"}${bad.note(result.errorCount)}; nothing was imported${result.projectId === null ? `, and no project "${opts.project.trim()}" was created` : ""}.\n`,
    );
    return 1;
  }
  if (!opts.json) {
    const s = result.summary;
    process.stdout.write(
      `Imported ${name} into "${opts.project.trim()}": ${s.users} users, ${s.posts} posts, ${s.artifacts} artifacts, ${s.verdicts} verdicts new; ${s.unchanged} unchanged; ${s.conflicts} conflicts${conflicts.note(s.conflicts)}.\n`,
    );
    const t = result.triage;
    if (t)
      process.stdout.write(`Triage with rule set v${t.ruleSetVersion}: ${t.finalized} decided by the rules, ${t.audits} left for an audit, ${t.ranked} for people (queued most uncertain first).\n`);
  }
  return 0;
}
