import fs from "node:fs";
import cliProgress from "cli-progress";
import { agreementReport, type AgreementReport, type Estimate } from "../../domain/agreement/report";
import { DuplicateRatingError, reliabilityData, type Rating } from "../../domain/agreement/reliability-data";
import { AppError, describeIssues } from "../../errors";
import { readLines } from "../../server/import/read-lines";
import { ratingLine } from "../../validation/rating-line";

export interface AgreementCommandOptions {
  json?: boolean;
  resamples: number;
  seed: string;
}

const MAX_ERRORS_SHOWN = 20;

/** Reads every rating of FILE; bad lines are all reported, and then nothing is computed. */
async function readRatings(file: string): Promise<Rating[]> {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new AppError("not_found", `${file}: no such file`);
  const ratings: Rating[] = [];
  const errors: string[] = [];
  for await (const raw of readLines(fs.createReadStream(file, { highWaterMark: 1 << 20 }))) {
    if ("error" in raw) {
      errors.push(`${file}:${raw.line}: ${raw.error}`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.text);
    } catch {
      errors.push(`${file}:${raw.line}: not valid JSON`);
      continue;
    }
    const parsed = ratingLine.safeParse(json);
    if (parsed.success) ratings.push(parsed.data);
    else errors.push(`${file}:${raw.line}: ${describeIssues(parsed.error.issues, { root: "line" })}`);
  }
  if (errors.length) {
    const shown = errors.slice(0, MAX_ERRORS_SHOWN).join("\n");
    const more = errors.length > MAX_ERRORS_SHOWN ? `\n... and ${errors.length - MAX_ERRORS_SHOWN} more` : "";
    throw new AppError("invalid_input", `${shown}${more}\n${file}: ${errors.length} bad line${errors.length === 1 ? "" : "s"}; each line must be {"item": ..., "annotator": ..., "label": ...}`);
  }
  if (!ratings.length) throw new AppError("invalid_input", `${file}: no ratings (expected JSON lines {"item": ..., "annotator": ..., "label": ...})`);
  return ratings;
}

const fixed = (x: number) => x.toFixed(3);

function row(name: string, e: Estimate | null, reason: string | undefined): string {
  if (!e) return `${name.padEnd(20)} not defined: ${reason}`;
  const interval = e.low === null || e.high === null ? "no interval" : `${fixed(e.low)} to ${fixed(e.high)}`;
  return `${name.padEnd(20)} ${fixed(e.value).padStart(6)}   ${interval.padEnd(16)} ${String(e.items).padStart(9)} ${String(e.ratings).padStart(9)}`;
}

function table(r: AgreementReport): string {
  const level = Math.round(r.interval.level * 100);
  return [
    `${r.ratings} ratings of ${r.items} items by ${r.annotators} annotators; labels: ${r.categories.join(", ")}`,
    `${"statistic".padEnd(20)} ${"value".padStart(6)}   ${`${level}% interval`.padEnd(16)} ${"items".padStart(9)} ${"ratings".padStart(9)}`,
    row("percent agreement", r.percentAgreement, r.notDefined.percentAgreement),
    row("Fleiss' kappa", r.fleissKappa, r.notDefined.fleissKappa),
    row("Krippendorff's alpha", r.krippendorffAlpha, r.notDefined.krippendorffAlpha),
    row("Cohen's kappa", r.cohenKappa, r.notDefined.cohenKappa),
    `Intervals: ${r.interval.resamples} bootstrap resamples of items, seed ${JSON.stringify(r.interval.seed)}.`,
  ].join("\n");
}

/** `cli agreement FILE [--json]`: agreement statistics of a ratings file; returns the exit code. */
export async function agreementCommand(file: string, opts: AgreementCommandOptions): Promise<number> {
  const ratings = await readRatings(file);
  let data;
  try {
    data = reliabilityData(ratings);
  } catch (e) {
    if (e instanceof DuplicateRatingError) throw new AppError("invalid_input", `${file}: ${e.message}`);
    throw e;
  }
  const bar =
    !opts.json && process.stderr.isTTY ? new cliProgress.SingleBar({ format: "bootstrap [{bar}] {value}/{total} resamples", stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
  bar?.start(opts.resamples, 0);
  const report = agreementReport(data, { resamples: opts.resamples, seed: opts.seed, onProgress: (done) => bar?.update(done) });
  bar?.stop();
  process.stdout.write(`${opts.json ? JSON.stringify(report) : table(report)}\n`);
  return 0;
}
