import { timeText } from "@/lib/domain/time-text";

interface Batch {
  id: number;
  fileName: string;
  status: string;
  lines: number;
  usersNew: number;
  postsNew: number;
  artifactsNew: number;
  verdictsNew: number;
  unchanged: number;
  conflicts: number;
  errorCount: number;
  /** ISO 8601, UTC */
  startedAt: string;
  projectName: string;
  actorLabel: string;
}

const STATUS_STYLE: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
  running: "bg-sky-100 text-sky-800",
};

export function RecentImports({ batches }: { batches: Batch[] }) {
  if (batches.length === 0) return <p className="mt-10 text-sm text-slate-500">No imports yet.</p>;
  return (
    <section className="mt-10">
      <h2 className="text-lg font-semibold">Recent imports</h2>
      <table className="mt-3 w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="py-1">When</th>
            <th>Project</th>
            <th>File</th>
            <th>By</th>
            <th>Status</th>
            <th className="text-right">New (u/p/a/v)</th>
            <th className="text-right">Unchanged</th>
            <th className="text-right">Conflicts</th>
            <th className="text-right">Bad lines</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id} className="border-t border-slate-200">
              <td className="py-1">{timeText(b.startedAt)}</td>
              <td>{b.projectName}</td>
              <td className="max-w-48 truncate">{b.fileName}</td>
              <td>{b.actorLabel}</td>
              <td>
                <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_STYLE[b.status] ?? ""}`}>{b.status}</span>
              </td>
              <td className="text-right tabular-nums">
                {b.usersNew}/{b.postsNew}/{b.artifactsNew}/{b.verdictsNew}
              </td>
              <td className="text-right tabular-nums">{b.unchanged}</td>
              <td className="text-right tabular-nums">{b.conflicts}</td>
              <td className="text-right tabular-nums">{b.errorCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
