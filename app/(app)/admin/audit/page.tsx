import { describeIssues } from "@/lib/errors";
import type { Metadata } from "next";
import Link from "next/link";
import { SelectField } from "@/components/ui/select-field";
import { requirePage } from "@/lib/auth/guard-page";
import { auditActions, listAuditEvents } from "@/lib/server/audit-log";
import { auditQuery } from "@/lib/validation/audit-query";
import { searchParamsObject } from "@/lib/validation/items-query";
import { timeText } from "@/lib/domain/time-text";
import { auditChanges } from "@/lib/domain/audit-changes";

export const metadata: Metadata = { title: "Audit log" };

const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/** before/after as a list of the fields that changed. */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const lines = auditChanges(before, after);
  if (lines.length === 0) return <span className="text-slate-400">–</span>;
  return (
    <ul className="space-y-0.5 text-xs [overflow-wrap:anywhere]" data-testid="audit-change">
      {lines.map((l) => (
        <li key={l.field}>
          <span className="font-medium">{l.field}</span>: {l.before !== null && <del className="bg-rose-50 text-rose-800">{l.before}</del>}
          {l.before !== null && l.after !== null && " → "}
          {l.after !== null && <ins className="bg-emerald-50 text-emerald-900 no-underline">{l.after}</ins>}
        </li>
      ))}
    </ul>
  );
}

/** "Account ann@x (13)", "Project Demo (1)", or the type and id where the entity has no name. */
function entityText(e: { entityType: string; entityId: string; entityName: string | null }): string {
  return e.entityName ? `${e.entityType} ${e.entityName} (${e.entityId})` : `${e.entityType} ${e.entityId}`;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("audit:read", "/admin/audit");
  const raw = searchParamsObject(await searchParams);
  const parsed = auditQuery.safeParse(raw);
  const actions = await auditActions();
  const families = [...new Set(actions.map((a) => `${a.split(".")[0]}.`))];
  const q = parsed.success ? parsed.data : null;
  const { rows, next } = q ? await listAuditEvents(q) : { rows: [], next: null };
  const nextHref = next ? `?${new URLSearchParams({ ...raw, after: next })}` : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="text-sm text-slate-600">Every change, newest first. Events are append-only: nothing in the workbench can change or delete them.</p>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" data-testid="audit-filters">
        <label className="flex flex-col">
          Actor (email, cli, system)
          <input name="actor" defaultValue={raw.actor ?? ""} className={input} />
        </label>
        <SelectField label="Action" name="action" value={raw.action} any="any" options={[...families.map((f) => ({ value: f, label: `${f}*` })), ...actions]} />
        <label className="flex flex-col">
          Entity type
          <input name="entityType" defaultValue={raw.entityType ?? ""} className={input} placeholder="Account, Artifact…" />
        </label>
        <label className="flex flex-col">
          Entity id
          <input name="entityId" defaultValue={raw.entityId ?? ""} className={input} />
        </label>
        <label className="flex flex-col">
          From
          <input type="date" name="from" defaultValue={raw.from ?? ""} className={input} />
        </label>
        <label className="flex flex-col">
          To
          <input type="date" name="to" defaultValue={raw.to ?? ""} className={input} />
        </label>
        <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white">
          Filter
        </button>
        <Link href="/admin/audit" className="py-1.5 text-indigo-700 underline">
          Clear
        </Link>
      </form>
      {!parsed.success && (
        <p role="alert" className="text-rose-700">
          {describeIssues(parsed.error.issues)}
        </p>
      )}
      {q && rows.length === 0 ? (
        <p className="text-slate-600" data-testid="audit-empty">
          No event matches these filters.
        </p>
      ) : (
        <table className="w-full table-fixed text-sm" data-testid="audit-events">
          <colgroup>
            <col className="w-40" />
            <col className="w-44" />
            <col className="w-44" />
            <col className="w-56" />
            <col />
          </colgroup>
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-1 pr-3">time (UTC)</th>
              <th className="pr-3">actor</th>
              <th className="pr-3">action</th>
              <th className="pr-3">entity</th>
              <th>change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 align-top" data-testid="audit-row">
                <td className="py-1 pr-3 whitespace-nowrap tabular-nums">{timeText(e.createdAt, "second")}</td>
                <td className="pr-3 [overflow-wrap:anywhere]">{e.actorLabel}</td>
                <td className="pr-3 font-mono text-xs [overflow-wrap:anywhere]">{e.action}</td>
                <td className="pr-3 [overflow-wrap:anywhere]" data-testid="audit-entity">
                  {entityText(e)}
                  {e.projectId !== null && e.entityType !== "Project" && <span className="block text-xs text-slate-500">Project {e.projectName ?? e.projectId}</span>}
                </td>
                <td>
                  <Change before={e.before} after={e.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextHref && (
        <Link href={nextHref} className="inline-block rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
          Older events →
        </Link>
      )}
    </div>
  );
}
