import cliProgress from "cli-progress";
import { exportWarnings } from "../../domain/export-warnings";
import { findProjectByName } from "../../server/projects/find-project";
import { CLI_ACTOR, recordAudit } from "../../server/record-audit";
import { LeakageError } from "../../server/splits/export-split-version";
import { exportVerified } from "../../server/splits/freeze-split-version";
import { latestSplitVersion } from "../../server/splits/list-split-versions";
import { describeVersion, makeVersion } from "./splits";

/**
 * `cli export --project NAME --out DIR [--version V]`: the latest version unless one is named; a
 * project with none gets one made with its defaults first.
 */
export async function exportCommand(opts: { project: string; out: string; version?: number }): Promise<number> {
  const project = await findProjectByName(opts.project);
  let version = opts.version ?? (await latestSplitVersion(project.id));
  if (!version) {
    // a new project: make a version with the defaults, and say so
    const made = await makeVersion(project.id, {});
    version = made.result!.version;
    process.stdout.write(`"${project.name}" had no split version yet: made ${describeVersion(made)}.\n`);
  }
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: "exporting [{bar}] {percentage}% | {value}/{total} artifacts", stream: process.stderr }, cliProgress.Presets.shades_classic)
    : null;
  try {
    bar?.start(1, 0);
    const result = await exportVerified(project.id, version, opts.out, { onProgress: (done, total) => (bar?.setTotal(total), bar?.update(done)) });
    bar?.stop();
    await recordAudit({
      ...CLI_ACTOR,
      action: "export.written",
      entityType: "SplitVersion",
      entityId: `${project.id}/${version}`,
      projectId: project.id,
      after: { out: opts.out, files: result.files },
    });
    for (const w of exportWarnings({ records: result.records })) process.stderr.write(`warning: ${w}\n`);
    for (const f of result.files) process.stdout.write(`${f.name}\t${f.bytes} bytes\tsha256 ${f.sha256}\n`);
    process.stdout.write(`Exported version ${version} of "${project.name}" to ${opts.out} (leakage report clean).\n`);
    return 0;
  } catch (e) {
    bar?.stop();
    if (!(e instanceof LeakageError)) throw e;
    process.stderr.write(`${e.message}\n`);
    for (const line of e.offenders(50)) process.stderr.write(`  ${line}\n`);
    return 1;
  }
}
