import Link from "next/link";
import type { ProjectProgress } from "@/lib/views/projects";
import { ProgressBar } from "../ui/progress-bar";
import { words } from "@/lib/domain/labels";

const STATUS_ORDER = [
  ["accepted", "bg-emerald-500"],
  ["rejected", "bg-rose-500"],
  ["disputed", "bg-amber-500"],
  ["in_review", "bg-sky-400"],
  ["pending", "bg-slate-300"],
] as const;

const MANAGE_LINKS = [
  ["dashboard", "Progress"],
  ["items", "Items"],
  ["calibration", "Calibration"],
  ["agreement", "Agreement"],
  ["splits", "Splits & exports"],
  ["webhooks", "Webhooks"],
  ["settings", "Settings"],
] as const;

export function ProjectCard({ project, canManage, canAdjudicate }: { project: ProjectProgress; canManage: boolean; canAdjudicate: boolean }) {
  const pct = project.total ? Math.round((100 * project.done) / project.total) : 0;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="project-card">
      <div className="flex items-baseline justify-between gap-4">
        <h2 className="text-lg font-semibold">{project.name}</h2>
        <span className="text-sm text-slate-600">
          {project.done.toLocaleString("en")} of {project.total.toLocaleString("en")} final · {pct}%
        </span>
      </div>
      {project.description && <p className="mt-1 text-sm text-slate-600">{project.description}</p>}
      <ProgressBar
        className="mt-3"
        label={`${project.name} review progress`}
        segments={STATUS_ORDER.map(([status, color]) => ({ label: words(status), value: project.byStatus[status] ?? 0, color }))}
      />
      <div className="mt-3 flex items-center justify-between">
        <p className="text-xs text-slate-500">
          {project.overlap} verdicts per artifact{project.blindMode ? " · blind mode" : ""}
        </p>
        <div className="flex gap-2">
          {canManage &&
            MANAGE_LINKS.map(([path, label]) => (
              <Link key={path} href={`/projects/${project.id}/${path}`} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
                {label}
              </Link>
            ))}
          {canAdjudicate && (
            <Link href={`/adjudicate/${project.id}`} className="rounded border border-amber-400 px-3 py-1.5 text-sm font-medium text-amber-800 hover:bg-amber-50">
              Adjudicate ({(project.byStatus.disputed ?? 0).toLocaleString("en")} disputed)
            </Link>
          )}
          <Link href={`/review/${project.id}`} className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            Start reviewing
          </Link>
        </div>
      </div>
    </li>
  );
}
