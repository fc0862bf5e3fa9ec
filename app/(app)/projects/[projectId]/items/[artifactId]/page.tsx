import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArtifactInspector } from "@/components/items/artifact-inspector";
import { GoldForm } from "@/components/items/gold-form";
import { VerdictHistory } from "@/components/items/verdict-history";
import { DiffList } from "@/components/review/diff-list";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { diffContent } from "@/lib/domain/content-diff";
import { toAppError } from "@/lib/errors";
import { loadArtifactRecord } from "@/lib/server/items/load-artifact-record";
import type { ArtifactRecord } from "@/lib/views/items";
import { saveGold } from "./actions";
import { timeText } from "@/lib/domain/time-text";
import { kindLabel, platformLabel, words } from "@/lib/domain/labels";

export const metadata: Metadata = { title: "Artifact" };

export default async function ArtifactPage({ params }: { params: Promise<{ projectId: string; artifactId: string }> }) {
  const { projectId, artifactId: rawId } = await params;
  const artifactId = decodeURIComponent(rawId);
  const { id } = await requireProjectPage("project:manage", projectId, `/projects/${projectId}/items`);
  let record: ArtifactRecord;
  try {
    record = await loadArtifactRecord(id, artifactId);
  } catch (e) {
    if (toAppError(e).code === "not_found") notFound();
    throw e;
  }
  const { item } = record;
  const finalChanges = record.finalContent ? diffContent(item.content, record.finalContent) : [];
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link href={`/projects/${id}/items`} className="text-indigo-700 underline">
          ← All items
        </Link>
      </nav>
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="font-mono text-xl font-semibold">{item.artifactId}</h1>
        <span className="text-sm text-slate-600">
          {kindLabel(item.kind)}
          {item.flavor ? ` · ${item.flavor}` : ""} · {platformLabel(item.platform)} · user {item.uid}
        </span>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm" data-testid="artifact-status">
          {words(record.status)}
          {record.decidedBy ? ` by ${record.decidedBy}` : ""}
          {record.finalizedAt ? ` on ${timeText(record.finalizedAt, "day")}` : ""}
        </span>
        {record.isGold && <span className="rounded bg-yellow-200 px-2 py-0.5 text-sm text-yellow-900">gold: {record.goldDecision}</span>}
        <span className="text-xs text-slate-500">
          imported {timeText(record.importedAt)}
          {record.batchId !== null ? ` · batch ${record.batchId}, line ${record.line}` : ""}
          {record.source && <span data-testid="artifact-source"> · from {record.source}</span>}
        </span>
      </header>
      <ArtifactInspector item={item} />
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Verdicts</h2>
          <VerdictHistory record={record} />
        </section>
        <section className="space-y-4">
          {finalChanges.length > 0 && (
            <div className="rounded border border-slate-200 bg-white p-3" data-testid="final-content">
              <h2 className="font-semibold">What ships (the accepted edit)</h2>
              <DiffList changes={finalChanges} />
            </div>
          )}
          <GoldForm projectId={id} artifactId={item.artifactId} current={record.isGold ? record.goldDecision : null} action={saveGold} />
        </section>
      </div>
    </div>
  );
}
