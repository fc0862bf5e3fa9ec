"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { diffContent } from "@/lib/domain/content-diff";
import { setAtPath } from "@/lib/domain/content-path";
import { orderedTextFields } from "@/lib/domain/highlights";
import { REASON_CODES, type ReasonCode } from "@/lib/domain/kinds";
import type { DisputedVerdict } from "@/lib/views/adjudication";
import type { ReviewItem } from "@/lib/views/review";
import { ArtifactView } from "../review/artifact-view";
import { EvidencePane } from "../review/evidence-pane";
import { VerdictCard } from "./verdict-card";

type Choice = { kind: "accept" } | { kind: "edit"; from: number | null } | { kind: "reject" };

/** The lead's screen: the evidence, the artifact, every verdict side by side, and the final decision. */
export function AdjudicationWorkbench({ projectId, item, verdicts }: { projectId: number; item: ReviewItem; verdicts: DisputedVerdict[] }) {
  const router = useRouter();
  const edits = verdicts.filter((v) => v.decision === "edit" && v.content);
  const [choice, setChoice] = useState<Choice>({ kind: "accept" });
  const [content, setContent] = useState<Record<string, unknown>>(item.content);
  const [reasons, setReasons] = useState<ReasonCode[]>([]);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changes = useMemo(() => diffContent(item.content, content), [item.content, content]);

  function pickEdit(from: number | null) {
    setChoice({ kind: "edit", from });
    setContent(from === null ? item.content : (edits.find((e) => e.verdictId === from)?.content ?? item.content));
  }

  async function submit() {
    setBusy(true);
    setError(null);
    const adjudication = { artifactId: item.artifactId, decision: choice.kind, reasons, note, content: choice.kind === "edit" ? content : undefined };
    const res = await fetch(`/api/adjudicate/${projectId}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ adjudication }) });
    const data = await res.json().catch(() => null);
    setBusy(false);
    if (!res.ok) return setError(data?.error?.message ?? `The server answered HTTP ${res.status}.`);
    router.replace(`/adjudicate/${projectId}`);
    router.refresh();
  }

  return (
    <div className="grid min-h-0 grid-cols-1 gap-4 md:grid-cols-2">
      <div className="flex max-h-[calc(100vh-12rem)] min-h-0 flex-col">
        <EvidencePane posts={item.posts} selectedPost={0} showRewrite={false} onToggleRewrite={() => {}} focus={null} />
      </div>
      <div className="max-h-[calc(100vh-12rem)] space-y-3 overflow-y-auto">
        <ArtifactView
          item={item}
          fields={orderedTextFields(item.kind, item.content)}
          selected={null}
          onSelect={() => {}}
          editing={choice.kind === "edit" ? { fields: orderedTextFields(item.kind, content), changes, onChange: (field, value) => setContent((c) => setAtPath(c, field, value)) } : null}
        />
        <section aria-label="Verdicts" className="space-y-2">
          <h2 className="text-sm font-semibold text-slate-700">Verdicts ({verdicts.length})</h2>
          {verdicts.map((v) => (
            <VerdictCard key={v.verdictId} v={v} />
          ))}
        </section>
        <section aria-label="Decision" className="rounded border border-slate-200 bg-white p-3 text-sm">
          <h2 className="font-semibold">Final decision</h2>
          <div className="mt-2 space-y-1">
            <label className="flex items-center gap-2">
              <input type="radio" name="choice" checked={choice.kind === "accept"} onChange={() => setChoice({ kind: "accept" })} /> Accept as it is
            </label>
            {edits.map((e) => (
              <label key={e.verdictId} className="flex items-center gap-2">
                <input type="radio" name="choice" checked={choice.kind === "edit" && choice.from === e.verdictId} onChange={() => pickEdit(e.verdictId)} /> Accept {e.annotator}&apos;s edit (and adjust
                it)
              </label>
            ))}
            <label className="flex items-center gap-2">
              <input type="radio" name="choice" checked={choice.kind === "edit" && choice.from === null} onChange={() => pickEdit(null)} /> Accept with my own edit
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="choice" checked={choice.kind === "reject"} onChange={() => setChoice({ kind: "reject" })} /> Reject
            </label>
          </div>
          <div className="mt-2 flex flex-wrap gap-1.5" role="group" aria-label="Reasons">
            {REASON_CODES.map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={reasons.includes(r)}
                onClick={() => setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]))}
                className={`rounded-full border px-2 py-0.5 text-xs ${reasons.includes(r) ? "border-indigo-600 bg-indigo-50 text-indigo-800" : "border-slate-300"}`}
              >
                {r.replace("_", " ")}
              </button>
            ))}
          </div>
          <label className="mt-2 block text-xs text-slate-500">
            Note (kept with the decision)
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm text-slate-900" />
          </label>
          {error && (
            <p role="alert" className="mt-2 text-sm text-rose-700">
              {error}
            </p>
          )}
          <button type="button" onClick={submit} disabled={busy} className="mt-2 rounded bg-indigo-600 px-4 py-1.5 font-medium text-white disabled:opacity-50">
            {busy ? "Saving…" : "Record the decision"}
          </button>
        </section>
      </div>
    </div>
  );
}
