import { describeIssues } from "@/lib/errors";
import type { Metadata } from "next";
import Link from "next/link";
import { SelectField } from "@/components/ui/select-field";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { ARTIFACT_KINDS, PLATFORMS } from "@/lib/domain/kinds";
import { listDisagreements } from "@/lib/server/agreement/disagreements";
import { itemAnnotators } from "@/lib/server/items/item-annotators";
import { disagreementsQuery } from "@/lib/validation/disagreements-query";
import { searchParamsObject } from "@/lib/validation/items-query";
import { kindLabel, platformLabel, words } from "@/lib/domain/labels";
import { DECISION_STYLE, DecisionLegend } from "@/components/ui/decision-pill";

export const metadata: Metadata = { title: "Disagreements" };

export default async function DisagreementsPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { projectId } = await params;
  const { id, project } = await requireProjectPage("stats:read", projectId, `/projects/${projectId}/agreement/disagreements`);
  const raw = searchParamsObject(await searchParams);
  const parsed = disagreementsQuery.safeParse(raw);
  const annotators = await itemAnnotators(id);
  if (!parsed.success) {
    return (
      <p role="alert" className="text-rose-700">
        These filters are not valid ({describeIssues(parsed.error.issues)}).{" "}
        <Link href={`/projects/${id}/agreement/disagreements`} className="underline">
          Clear them
        </Link>
      </p>
    );
  }
  const q = parsed.data;
  const { rows, next } = await listDisagreements(id, q);
  const who = annotators.find((a) => a.id === q.annotator);
  const nextHref = next ? `?${new URLSearchParams({ ...raw, after: next })}` : null;
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link href={`/projects/${id}/agreement`} className="text-indigo-700 underline">
          ← Agreement
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">
        {project.name}: {q.show === "disputed" ? "disagreements" : "overturned verdicts"}
        {who ? ` of ${who.email}` : ""}
      </h1>
      <form className="flex flex-wrap items-end gap-3 text-sm" method="get">
        <SelectField
          label="Show"
          name="show"
          value={q.show}
          options={[
            { value: "disputed", label: "verdicts that differ from each other" },
            { value: "overturned", label: "verdicts that differ from the final label" },
          ]}
        />
        <SelectField label="Annotator" name="annotator" value={q.annotator} any="anyone" options={annotators.map((a) => ({ value: a.id, label: a.email }))} />
        <SelectField label="Kind" name="kind" value={q.kind} any="any" options={ARTIFACT_KINDS} />
        <SelectField label="Platform" name="platform" value={q.platform} any="any" options={PLATFORMS} />
        <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white">
          Filter
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="text-slate-600" data-testid="disagreements-empty">
          {q.after ? "No more artifacts match." : "No artifact matches: nobody disagreed here yet."}
        </p>
      ) : (
        <>
          <DecisionLegend />
          <table className="w-full text-sm" data-testid="disagreements">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-1 pr-3">artifact</th>
                <th className="pr-3">kind · platform</th>
                <th className="pr-3">verdicts</th>
                <th>final</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="disagreement-row">
                  <td className="py-1 pr-3 font-mono">
                    <Link href={`/projects/${id}/items/${encodeURIComponent(r.id)}`} className="text-indigo-700 hover:underline">
                      {r.id}
                    </Link>
                  </td>
                  <td className="pr-3">
                    {kindLabel(r.kind)}
                    {r.flavor ? ` (${r.flavor})` : ""} · {platformLabel(r.platform)}
                  </td>
                  <td className="pr-3">
                    <ul className="flex flex-wrap gap-1">
                      {r.verdicts.map((v) => (
                        <li
                          key={v.accountId}
                          data-decision={v.decision}
                          className={`rounded px-1.5 py-0.5 ${DECISION_STYLE[v.decision] ?? "bg-slate-100"} ${v.matchesFinal === false ? "line-through decoration-2" : ""} ${v.accountId === q.annotator ? "ring-2 ring-indigo-400" : ""}`}
                          title={v.matchesFinal === false ? "against the final decision" : undefined}
                        >
                          {v.email.split("@")[0]}: {v.decision}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{r.finalDecision ? `${r.finalDecision}${r.decidedBy ? ` (${r.decidedBy})` : ""}` : words(r.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {nextHref && (
        <Link href={nextHref} className="inline-block rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
          Next page →
        </Link>
      )}
    </div>
  );
}
