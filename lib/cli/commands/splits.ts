import { SPLITS } from "../../domain/splits";
import { findProjectByName } from "../../server/projects/find-project";
import { CLI_ACTOR } from "../../server/record-audit";
import { performExportRun, requestExport } from "../../server/splits/export-runs";
import { listSplitVersions } from "../../server/splits/list-split-versions";
import { performSplitRun, requestSplitRun, type SplitRunInfo } from "../../server/splits/split-runs";
import { newSplitInput, splitVersionInput } from "../../validation/lead-actions";
import { followJob } from "../follow-job";

/** Makes a split version of the project as a job in this process, with a progress bar. */
export async function makeVersion(projectId: number, input: { seed?: string; train?: number; validation?: number; test?: number }): Promise<SplitRunInfo> {
  const { seed, train, validation, test } = newSplitInput.parse({ projectId, ...input });
  const ratios = train === undefined || validation === undefined || test === undefined ? undefined : { train, validation, test };
  const id = await requestSplitRun(projectId, { seed, ratios }, CLI_ACTOR, { queued: false });
  return followJob("making a split version", "", (opts) => performSplitRun(id, opts));
}

/** What a made version holds, in one line. */
export function describeVersion(run: SplitRunInfo): string {
  const r = run.result!;
  const left = r.ruleAcceptedLeftOut ? `; ${r.ruleAcceptedLeftOut} rule-accepted artifacts of test users left out` : "";
  return `version ${r.version} (seed ${run.seed}, ratios ${SPLITS.map((s) => run.ratios[s]).join("/")}): ${SPLITS.map((s) => `${s} ${r.counts[s].artifacts} artifacts of ${r.counts[s].users} users`).join(", ")}${left}`;
}

/** `cli splits make --project NAME [--seed S] [--train R --validation R --test R]`. */
export async function makeSplitCommand(opts: { project: string; seed?: string; train?: number; validation?: number; test?: number }): Promise<number> {
  const { project: name, ...input } = opts;
  const project = await findProjectByName(name);
  const run = await makeVersion(project.id, input);
  process.stdout.write(`Made ${describeVersion(run)}.\n`);
  return 0;
}

/** `cli splits list --project NAME [--json]`. */
export async function listSplitsCommand(opts: { project: string; json?: boolean }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const versions = await listSplitVersions(project.id);
  if (opts.json) process.stdout.write(`${JSON.stringify({ versions }, null, 2)}\n`);
  else if (versions.length === 0) process.stdout.write(`${project.name} has no split version yet; make one with: cli splits make --project "${project.name}"\n`);
  else for (const v of versions) process.stdout.write(`v${v.version}\t${v.status}\tseed ${v.seed}\t${SPLITS.map((s) => `${s} ${v.counts[s].artifacts}`).join("\t")}\n`);
  return 0;
}

/** `cli splits freeze --project NAME --version N`: exports the version, records its manifest and locks it. */
export async function freezeSplitCommand(opts: { project: string; version: number }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const { version } = splitVersionInput.parse({ projectId: project.id, version: opts.version });
  const id = await requestExport(project.id, version, "freeze", CLI_ACTOR, { queued: false });
  const run = await followJob(`freezing version ${version}`, "records", (o) => performExportRun(id, o));
  for (const w of run.warnings) process.stderr.write(`warning: ${w}\n`);
  process.stdout.write(`Froze version ${version} of "${project.name}": ${run.files.map((f) => f.name).join(", ")} (export run ${run.id}; download its files from the splits page or the API).\n`);
  return 0;
}
