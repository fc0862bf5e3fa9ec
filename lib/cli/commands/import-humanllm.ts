import { AppError } from "../../errors";
import cliProgress from "cli-progress";
import { importHumanLlm, type HumanLlmProgress } from "../../server/import/humanllm/import-humanllm";
import { LayoutError } from "../../server/import/humanllm/read-humanllm";
import { CLI_ACTOR } from "../../server/record-audit";
import { firstLines } from "../first-lines";

const list = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([folder, n]) => `${folder} ${n}`)
    .join(", ");

/** `cli import-humanllm DIR --project NAME [--assign EMAILS]`: the pipeline's own files, all or nothing. */
export async function importHumanLlmCommand(dir: string, opts: { project: string; assign?: string[]; json?: boolean }): Promise<number> {
  let done;
  const progress = progressBars(!opts.json && process.stderr.isTTY);
  const printed = firstLines();
  try {
    done = await importHumanLlm(dir, opts.project, {
      actor: CLI_ACTOR,
      assign: opts.assign,
      onProblem: (p) => {
        progress.stop();
        printed.write(`${p.at}: ${p.reason}`);
      },
      onProgress: progress.update,
    });
  } catch (e) {
    if (e instanceof LayoutError) throw new AppError("invalid_input", e.message);
    throw e;
  } finally {
    progress.stop();
  }
  const { read, result } = done;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ok: done.ok, read, imported: result?.summary ?? null, problems: done.problems })}\n`);
    return done.ok ? 0 : 1;
  }
  if (!done.ok) {
    process.stderr.write(`${dir}: ${done.problems.length} problem${done.problems.length === 1 ? "" : "s"}${printed.note(done.problems.length)}; nothing was imported.\n`);
    return 1;
  }
  const s = result!.summary;
  process.stdout.write(
    `Read ${dir}: ${read.users} users, ${read.posts} posts, ${read.artifacts} artifacts.\n` +
      Object.entries(read.stages)
        .map(([folder, t]) => `  ${folder}: ${t.files} file${t.files === 1 ? "" : "s"}, ${t.artifacts} artifact${t.artifacts === 1 ? "" : "s"}, ${t.judged} judged\n`)
        .join("") +
      `Imported into "${opts.project.trim()}": ${s.users} users, ${s.posts} posts, ${s.artifacts} artifacts new; ${s.unchanged} unchanged; ${s.conflicts} conflicts.\n` +
      (Object.keys(read.declined).length ? `Skipped generations that answered NULL: ${list(read.declined)}.\n` : "") +
      (Object.keys(read.unreadable).length ? `Skipped generations that could not be read (the pipeline's SFT step cannot read them either): ${list(read.unreadable)}.\n` : "") +
      (Object.keys(read.notAsked).length ? `Posts the pipeline did not generate for (SKIP, or past its max_post): ${list(read.notAsked)}.\n` : "") +
      (Object.keys(read.unjudged).length ? `Artifacts without a judge answer (imported unjudged): ${list(read.unjudged)}.\n` : "") +
      (Object.keys(read.outOfRange).length
        ? `Artifacts whose judge scored a metric off the 1-10 scale, such as 0 (the pipeline rejects them; kept as given, and left to people, not to rules): ${list(read.outOfRange)}.\n`
        : "") +
      (Object.keys(read.tooLarge).length ? `Artifacts with a judge score past two billion (imported without it): ${list(read.tooLarge)}.\n` : "") +
      (read.untitledProducts ? `Amazon reviews of a product raw_data gives no title for (titled by the product id): ${read.untitledProducts}.\n` : "") +
      (read.notUnderstood.length
        ? `Not understood, and not read (${read.notUnderstood.length}): ${read.notUnderstood.slice(0, 12).join(", ")}${read.notUnderstood.length > 12 ? `, and ${read.notUnderstood.length - 12} more` : ""}.\n`
        : "") +
      (read.leftAlone.length
        ? `Left alone, the pipeline's own (${read.leftAlone.length}): ${read.leftAlone.slice(0, 12).join(", ")}${read.leftAlone.length > 12 ? `, and ${read.leftAlone.length - 12} more` : ""}.\n`
        : ""),
  );
  return 0;
}

/** On a terminal: a bar for reading the directory (users), then one for importing the batch (its bytes and lines). */
function progressBars(shown: boolean) {
  let bar: cliProgress.SingleBar | null = null;
  let phase: HumanLlmProgress["phase"] | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    stop,
    update: (p: HumanLlmProgress) => {
      if (!shown) return;
      if (phase !== p.phase) {
        stop();
        phase = p.phase;
        const format = p.phase === "reading" ? "reading   [{bar}] {percentage}% | {value} of {total} users" : "importing [{bar}] {percentage}% | {lines} lines";
        bar = new cliProgress.SingleBar({ format, stream: process.stderr }, cliProgress.Presets.shades_classic);
        bar.start(p.total, 0, { lines: 0 });
      }
      bar?.update(p.done, p.phase === "importing" ? { lines: p.lines } : {});
    },
  };
}
