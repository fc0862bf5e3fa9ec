import type { Metadata } from "next";
import Link from "next/link";
import { AdjudicationWorkbench } from "@/components/adjudication/adjudication-workbench";
import { DisputeList } from "@/components/adjudication/dispute-list";
import { RecordedNotice } from "@/components/adjudication/recorded-notice";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { disputedArtifacts, disputedItem, latestAdjudication } from "@/lib/server/adjudication/adjudication-queue";

export const metadata: Metadata = { title: "Adjudicate" };

export default async function AdjudicatePage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ a?: string; recorded?: string }> }) {
  const { projectId } = await params;
  const { a, recorded } = await searchParams;
  const { id, project } = await requireProjectPage("adjudicate", projectId, `/adjudicate/${projectId}`);
  const [queue, done] = await Promise.all([disputedArtifacts(id), recorded ? latestAdjudication(id, recorded) : null]);
  const current = queue.rows.find((r) => r.id === a) ?? queue.rows[0];
  const disputed = current ? await disputedItem(id, current.id) : null;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Adjudicate · {project.name}</h1>
        <span className="text-sm text-slate-600" data-testid="disputed-count">
          {queue.total} disputed
        </span>
      </div>
      {done && <RecordedNotice recorded={done} />}
      {!current || !disputed ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600" data-testid="no-disputes">
          No disputed artifacts: every finished artifact had agreeing verdicts.{" "}
          <Link href="/" className="text-indigo-700 underline">
            Back to projects
          </Link>
        </div>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[15rem_1fr]">
          <DisputeList projectId={id} rows={queue.rows} current={current.id} total={queue.total} />
          <AdjudicationWorkbench key={current.id} projectId={id} item={disputed.item} verdicts={disputed.verdicts} />
        </div>
      )}
    </>
  );
}
