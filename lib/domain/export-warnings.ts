import { SFT_TASKS } from "./sft/templates";
import { SPLITS, type Split } from "./splits";

/** Under this many, a held-out test set is too small to tell models apart (a 95% interval on an accuracy near 0.5 is about ±0.1 at 100). */
export const MIN_TEST = 100;

/** What an export will hold or held: artifacts per split before it, records per split and source (`platform.task`) after. */
export type ExportCounts = { artifacts: Record<Split, number>; records?: undefined } | { records: Record<Split, Record<string, number>>; artifacts?: undefined };

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/**
 * What a lead should hear before and after an export: a split that is empty (its file holds
 * nothing, and trainers fail on it), a task no split has a record of, a test set under MIN_TEST.
 */
export function exportWarnings(c: ExportCounts, minTest = MIN_TEST): string[] {
  const warnings: string[] = [];
  const unit = c.records ? "records" : "artifacts";
  const per = Object.fromEntries(SPLITS.map((s) => [s, c.records ? sum(c.records[s]) : c.artifacts![s]])) as Record<Split, number>;
  for (const s of SPLITS) if (per[s] === 0) warnings.push(`${s} has no ${unit}: its file ${c.records ? "is" : "will be"} empty, and dataset_info.json leaves it out.`);
  if (per.test > 0 && per.test < minTest) warnings.push(`test has ${per.test} ${unit}, under the ${minTest} a held-out set needs to tell models apart.`);
  if (c.records) {
    const tasks = new Set(SPLITS.flatMap((s) => Object.keys(c.records![s]).map((source) => source.slice(source.indexOf(".") + 1))));
    const missing = SFT_TASKS.filter((t) => !tasks.has(t));
    if (missing.length) warnings.push(`No records of the task${missing.length === 1 ? "" : "s"} ${missing.join(", ")}: no accepted artifact of ${missing.length === 1 ? "its kind" : "their kinds"}.`);
  }
  return warnings;
}
