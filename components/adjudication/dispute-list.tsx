import Link from "next/link";
import type { DisputedArtifact } from "@/lib/views/adjudication";
import { kindLabel } from "@/lib/domain/labels";

/** The disputed artifacts, the cases that need a lead most first, each with its case in words. */
export function DisputeList({ projectId, rows, current, total }: { projectId: number; rows: DisputedArtifact[]; current: string; total: number }) {
  return (
    <nav aria-label="Disputed artifacts" className="max-h-[calc(100vh-12rem)] space-y-1 overflow-y-auto text-sm">
      <p className="px-2 text-xs text-slate-500">Widest splits first: accept vs reject, then edit vs reject, then accept vs edit; a judge against the majority next.</p>
      {rows.map((r) => (
        <Link
          key={r.id}
          href={`/adjudicate/${projectId}?a=${encodeURIComponent(r.id)}`}
          aria-current={r.id === current ? "page" : undefined}
          className={`block rounded px-2 py-1 ${r.id === current ? "bg-indigo-50 text-indigo-800" : "hover:bg-slate-100"}`}
          data-testid="dispute"
        >
          <span className="font-medium">{kindLabel(r.kind)}</span> <span className="text-xs text-slate-500">{r.id}</span>
          <span className="block text-xs text-slate-600">{r.label}</span>
        </Link>
      ))}
      {total > rows.length && <p className="px-2 text-xs text-slate-500">and {total - rows.length} more after these are settled</p>}
    </nav>
  );
}
