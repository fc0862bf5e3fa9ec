import type { Metadata } from "next";
import { NewSplitForm } from "@/components/splits/new-split-form";
import { RunList } from "@/components/splits/run-list";
import { ExportWarnings } from "@/components/splits/export-warnings";
import { exportWarnings } from "@/lib/domain/export-warnings";
import { RunPoller } from "@/components/ui/run-poller";
import { VersionActions } from "@/components/splits/version-actions";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { defaultSeed, SPLITS } from "@/lib/domain/splits";
import { exportRunsOf } from "@/lib/server/splits/export-runs";
import { listSplitVersions } from "@/lib/server/splits/list-split-versions";
import { latestSplitRun } from "@/lib/server/splits/split-runs";
import { JobProgress } from "@/components/ui/job-progress";
import { createSplit, startExport } from "./actions";
import { timeText } from "@/lib/domain/time-text";

export const metadata: Metadata = { title: "Splits & exports" };

export default async function SplitsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { id, project } = await requireProjectPage("split:manage", projectId, `/projects/${projectId}/splits`);
  const [versions, runs, splitRun] = await Promise.all([listSplitVersions(id), exportRunsOf(id), latestSplitRun(id)]);
  const making = splitRun?.status === "running" ? splitRun : null;
  const next = (versions[0]?.version ?? 0) + 1;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{project.name}: splits &amp; exports</h1>
      <RunPoller active={runs.some((r) => r.status === "running" && !r.stalled) || (making !== null && !making.stalled)} />
      <NewSplitForm projectId={id} defaultSeed={defaultSeed(next)} action={createSplit} />
      {making && <JobProgress run={making} requested={`Version (seed ${making.seed})`} doing={`Making a version (seed ${making.seed})`} label="Split version made so far" />}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Versions</h2>
        {versions.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No split version yet. Make one above once artifacts are accepted.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Split versions">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1">Version</th>
                <th>Status</th>
                <th>Seed · ratios</th>
                {SPLITS.map((s) => (
                  <th key={s} className="text-right">
                    {s}
                  </th>
                ))}
                <th className="pl-4">Actions</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} className="border-t border-slate-200 align-top" data-testid="split-version">
                  <td className="py-2 font-medium">v{v.version}</td>
                  <td>
                    {v.status === "frozen" ? <span className="rounded bg-indigo-100 px-1.5 text-indigo-800">frozen {v.frozenAt ? timeText(v.frozenAt, "day") : ""}</span> : "draft"}
                    <span className="block text-xs text-slate-500">
                      {timeText(v.createdAt, "day")}
                      {v.createdBy ? ` by ${v.createdBy}` : ""}
                    </span>
                  </td>
                  <td className="text-xs">
                    {v.seed} · {SPLITS.map((s) => v.ratios[s]).join(" / ")}
                  </td>
                  {SPLITS.map((s) => (
                    <td key={s} className="text-right tabular-nums">
                      {v.counts[s].artifacts.toLocaleString("en")}
                      <span className="block text-xs text-slate-500">{v.counts[s].users.toLocaleString("en")} users</span>
                    </td>
                  ))}
                  <td className="pl-4">
                    <VersionActions projectId={id} version={v.version} frozen={v.status === "frozen"} action={startExport} latest={runs.find((r) => r.version === v.version)} />
                    <ExportWarnings
                      warnings={exportWarnings({ artifacts: { train: v.counts.train.artifacts, validation: v.counts.validation.artifacts, test: v.counts.test.artifacts } })}
                      when="before"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="text-xs text-slate-500">Every export first checks the splits for leakage (users, source posts and near-duplicate texts on two sides) and refuses if it finds any.</p>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Exports</h2>
        <RunList projectId={id} runs={runs} />
      </section>
    </div>
  );
}
