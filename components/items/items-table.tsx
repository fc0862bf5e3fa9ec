"use client";
import type { ItemRow } from "@/lib/views/items";
import type { ItemsCount } from "@/lib/domain/items-count";
import { DataTable, type DataColumn } from "../table/data-table";
import { timeText } from "@/lib/domain/time-text";
import { kindLabel, words } from "@/lib/domain/labels";

const STATUS_TONE: Record<string, string> = {
  accepted: "bg-emerald-100 text-emerald-800",
  rejected: "bg-rose-100 text-rose-800",
  disputed: "bg-amber-100 text-amber-800",
  in_review: "bg-sky-100 text-sky-800",
  pending: "bg-slate-100 text-slate-700",
};

const RULE_TONE: Record<ItemRow["rule"], string> = { pass: "text-emerald-700", fail: "text-rose-700", out_of_range: "font-medium text-amber-800", not_judged: "text-slate-400" };

const num = (v: number | null) => (v === null ? <span className="text-slate-400">–</span> : v);

const COLUMNS: DataColumn<ItemRow>[] = [
  { id: "id", accessorKey: "id", header: "Artifact" },
  { id: "kind", header: "Kind", enableSorting: false, cell: ({ row }) => `${kindLabel(row.original.kind)}${row.original.flavor ? ` · ${row.original.flavor}` : ""}` },
  { id: "platform", accessorKey: "platform", header: "Platform", enableSorting: false },
  {
    id: "status",
    header: "Status",
    enableSorting: false,
    cell: ({ row }) => (
      <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_TONE[row.original.status] ?? ""}`}>
        {words(row.original.status)}
        {row.original.decidedBy === "lead" ? " (lead)" : ""}
      </span>
    ),
  },
  {
    id: "rule",
    header: "Rule",
    enableSorting: false,
    cell: ({ row }) => (
      <span className={RULE_TONE[row.original.rule]} title={row.original.rule === "out_of_range" ? "a judge score off the 1-10 scale: people decide" : undefined}>
        {row.original.rule === "not_judged" ? "–" : words(row.original.rule)}
      </span>
    ),
  },
  { id: "judgeOverall", accessorKey: "judgeOverall", header: "Overall", cell: ({ row }) => num(row.original.judgeOverall) },
  { id: "judgeMin", accessorKey: "judgeMin", header: "Lowest", cell: ({ row }) => num(row.original.judgeMin) },
  { id: "verdictCount", accessorKey: "verdictCount", header: "Verdicts", cell: ({ row }) => row.original.verdictCount },
  { id: "disagreement", accessorKey: "disagreement", header: "Disagree", cell: ({ row }) => (row.original.disagreement ? `${Math.round(row.original.disagreement * 100)}%` : "") },
  {
    id: "checks",
    header: "Checks",
    enableSorting: false,
    cell: ({ row }) => (
      <span className="flex flex-wrap gap-1">
        {row.original.flags.map((f) => (
          <span key={f} className="rounded bg-orange-100 px-1 text-xs text-orange-800">
            {words(f)}
          </span>
        ))}
        {row.original.isGold && <span className="rounded bg-yellow-200 px-1 text-xs text-yellow-900">gold: {row.original.goldDecision}</span>}
      </span>
    ),
  },
  { id: "finalizedAt", accessorKey: "finalizedAt", header: "Final since", cell: ({ row }) => (row.original.finalizedAt ? timeText(row.original.finalizedAt, "day") : "") ?? "" },
  { id: "preview", header: "Text", enableSorting: false, cell: ({ row }) => <span className="line-clamp-2 max-w-md text-xs text-slate-600">{row.original.preview}</span> },
];

export function ItemsTable(props: {
  projectId: number;
  rows: ItemRow[];
  count: ItemsCount;
  sort: string;
  dir: "asc" | "desc";
  page: number;
  next: string | null;
  prev: string | null;
  size: number;
  pageSizes: readonly number[];
  filtered: boolean;
}) {
  return (
    <DataTable
      label="Artifacts"
      columns={COLUMNS}
      rows={props.rows}
      rowCount={props.count.count}
      countBound={props.count.bound}
      sort={{ id: props.sort, desc: props.dir === "desc" }}
      page={props.page}
      next={props.next}
      prev={props.prev}
      pageSize={props.size}
      pageSizes={props.pageSizes}
      rowKey={(r) => r.id}
      rowHref={(r) => `/projects/${props.projectId}/items/${encodeURIComponent(r.id)}`}
      empty={props.filtered ? "No artifact matches these filters." : "This project has no artifacts yet: import a batch first."}
    />
  );
}
