import type { Metadata } from "next";
import Link from "next/link";
import { AdjudicationWorkbench } from "@/components/adjudication/adjudication-workbench";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { disputedArtifacts, disputedItem } from "@/lib/server/adjudication/adjudication-queue";

export const metadata: Metadata = { title: "Adjudicate" };

export default async function AdjudicatePage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ a?: string }> }) {
  const { projectId } = await params;
  const { a } = await searchParams;
  const { id, project } = await requireProjectPage("adjudicate", projectId, `/adjudicate/${projectId}`);
  const queue = await disputedArtifacts(id);
  const current = queue.rows.find((r) => r.id === a) ?? queue.rows[0];
  const disputed = current ? await disputedItem(id, current.id) : null;
  return (
    <>
      <div className="mb-4 flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Adjudicate · {project.name}</h1>
        <span className="text-sm text-slate-600" data-testid="disputed-count">
          {queue.total} disputed
        </span>
      </div>
      {!current || !disputed ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600" data-testid="no-disputes">
          No disputed artifacts: every finished artifact had agreeing verdicts.{" "}
          <Link href="/" className="text-indigo-700 underline">
            Back to projects
          </Link>
        </div>
      ) : (
        <div className="grid grid-cols-[14rem_1fr] gap-4">
          <nav aria-label="Disputed artifacts" className="max-h-[calc(100vh-12rem)] space-y-1 overflow-y-auto text-sm">
            {queue.rows.map((r) => (
              <Link
                key={r.id}
                href={`/adjudicate/${id}?a=${encodeURIComponent(r.id)}`}
                className={`block rounded px-2 py-1 ${r.id === current.id ? "bg-indigo-50 text-indigo-800" : "hover:bg-slate-100"}`}
              >
                <span className="font-medium">{r.kind.replace("_", " ")}</span> <span className="text-xs text-slate-500">{r.id}</span>
                <span className="block text-xs text-slate-500">
                  disagreement {Math.round(r.disagreement * 100)}% · {r.verdictCount} verdicts
                </span>
              </Link>
            ))}
          </nav>
          <AdjudicationWorkbench key={current.id} projectId={id} item={disputed.item} verdicts={disputed.verdicts} />
        </div>
      )}
    </>
  );
}
