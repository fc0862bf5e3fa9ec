import cliProgress from "cli-progress";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { CLI_ACTOR } from "../../server/record-audit";
import { LeakageError } from "../../server/splits/export-split-version";
import { exportVerified } from "../../server/splits/freeze-split-version";
import { writeAudit } from "../../server/audit";
import { rawDb } from "../../server/raw-db";

/** `cli export --project NAME --out DIR [--version V]`: the latest version unless one is named. */
export async function exportCommand(opts: { project: string; out: string; version?: number }): Promise<number> {
  const project = await prisma.project.findUnique({ where: { name: opts.project } });
  if (!project) throw new AppError("not_found", `No project is called "${opts.project}".`);
  const version =
    opts.version ??
    (await prisma.splitVersion.findFirst({ where: { projectId: project.id }, orderBy: { version: "desc" }, select: { version: true } }))?.version;
  if (!version) throw new AppError("not_found", `Project "${project.name}" has no split version yet; make one first.`);
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: "exporting [{bar}] {percentage}% | {value}/{total} artifacts", stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
  try {
    bar?.start(1, 0);
    const result = exportVerified(project.id, version, opts.out, { onProgress: (done, total) => (bar?.setTotal(total), bar?.update(done)) });
    bar?.stop();
    writeAudit(rawDb(), { ...CLI_ACTOR, action: "export.written", entityType: "SplitVersion", entityId: `${project.id}/${version}`, projectId: project.id, after: { out: opts.out, files: result.files } });
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
