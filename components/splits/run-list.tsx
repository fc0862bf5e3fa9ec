import type { ExportRunInfo } from "@/lib/views/splits";
import { timeText } from "@/lib/domain/time-text";
import { formatBytes } from "@/lib/domain/disk-room";
import { JobProgress } from "../ui/job-progress";
import { ExportWarnings } from "./export-warnings";

/** Exports and freezes, newest first: progress while they run, then the files to download or the error. */
export function RunList({ projectId, runs }: { projectId: number; runs: ExportRunInfo[] }) {
  if (runs.length === 0) return <p className="text-sm text-slate-500">No exports yet. Export a version to download its files.</p>;
  return (
    <ul className="space-y-2" aria-label="Exports">
      {runs.map((r) => (
        <li key={r.id} className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="export-run">
          <p className="flex flex-wrap items-baseline gap-2">
            <span className="font-medium">
              {r.action === "freeze" ? "Freeze" : "Export"} of v{r.version}
            </span>
            <span className="text-xs text-slate-500">started {timeText(r.createdAt)}</span>
            <span data-testid="run-status" className={r.status === "failed" || r.stalled ? "text-rose-700" : r.status === "succeeded" ? "text-emerald-700" : "text-slate-700"}>
              {r.stalled ? "stopped responding (start it again)" : r.waiting ? "queued, waiting for a worker" : r.status}
            </span>
          </p>
          {r.status === "running" && !r.stalled && !r.waiting && (
            <JobProgress
              run={r}
              requested={r.action === "freeze" ? "Freeze" : "Export"}
              doing={r.action === "freeze" ? "Freezing and writing" : "Writing"}
              label={`${r.action === "freeze" ? "Freeze" : "Export"} of v${r.version}`}
              unit="records"
              className="mt-2 text-xs text-slate-600"
            />
          )}
          {r.error && <p className="mt-1 whitespace-pre-wrap text-xs text-rose-700">{r.error}</p>}
          {r.status === "succeeded" && <ExportWarnings warnings={r.warnings} when="after" />}
          {r.status === "succeeded" && (
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
              {[
                ...r.files.map((f) => ({ name: f.name, size: formatBytes(f.bytes) })),
                ...r.extras.map((f) => ({ name: f.name, size: f.bytes === null ? "gone from the server" : formatBytes(f.bytes) })),
              ].map((f) => (
                <li key={f.name}>
                  <a href={`/api/projects/${projectId}/exports/${r.id}/files/${encodeURIComponent(f.name)}`} download className="text-indigo-700 underline">
                    {f.name}
                  </a>{" "}
                  <span className="text-xs text-slate-500">{f.size}</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
