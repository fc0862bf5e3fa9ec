"use client";
import { rowPaginationFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef, type PaginationState, type RowData, type SortingState, type Updater } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import { useUrlQuery } from "./use-url-query";
import { countText, type ItemsCount } from "@/lib/domain/items-count";

export const dataTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature });
export type DataColumn<T extends RowData> = ColumnDef<typeof dataTableFeatures, T>;

export interface DataTableProps<T extends RowData> {
  columns: DataColumn<T>[];
  rows: T[];
  /** matching rows in all pages; `bound` says whether exactly, at least or at most that many */
  rowCount: number;
  countBound?: ItemsCount["bound"];
  sort: { id: string; desc: boolean } | null;
  /** the page's number (for display) and the keyset cursors of its neighbours, null at either end */
  page: number;
  next: string | null;
  prev: string | null;
  pageSize: number;
  pageSizes: readonly number[];
  rowKey: (row: T) => string;
  rowHref?: (row: T) => string;
  empty: ReactNode;
  label: string;
}

const apply = <S,>(updater: Updater<S>, old: S): S => (typeof updater === "function" ? (updater as (s: S) => S)(old) : updater);

/**
 * A table whose rows, sort and page come from the server: sorting and paging change the URL
 * (`sort`, `dir`, `size`, and the cursor `after` or `before` with the page number `page`), the
 * server page reads it and sends the rows back. Generic over the row type; columns say which sort.
 */
export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { update, pending } = useUrlQuery();
  const sorting: SortingState = props.sort ? [{ id: props.sort.id, desc: props.sort.desc }] : [];
  const pagination: PaginationState = { pageIndex: props.page, pageSize: props.pageSize };
  const table = useTable({
    features: dataTableFeatures,
    columns: props.columns,
    data: props.rows,
    getRowId: props.rowKey,
    manualSorting: true,
    manualPagination: true,
    rowCount: props.rowCount,
    enableSortingRemoval: false,
    state: { sorting, pagination },
    onSortingChange: (u) => {
      const [s] = apply(u, sorting);
      update(s ? { sort: s.id, dir: s.desc ? "desc" : "asc" } : { sort: null, dir: null });
    },
    onPaginationChange: (u) => {
      const p = apply(u, pagination);
      if (p.pageSize !== props.pageSize) update({ size: p.pageSize });
    },
  });
  const go = (to: "first" | "prev" | "next") => {
    if (to === "first") update({ page: null, after: null, before: null });
    else if (to === "prev") update(props.page <= 1 || !props.prev ? { page: null, after: null, before: null } : { page: props.page - 1, before: props.prev, after: null });
    else update({ page: props.page + 1, after: props.next, before: null });
  };
  const pages = Math.max(1, Math.ceil(props.rowCount / props.pageSize));
  const first = props.page * props.pageSize;
  return (
    <div className={pending ? "opacity-60 transition-opacity" : ""} aria-busy={pending}>
      <div className="overflow-x-auto rounded border border-slate-200">
        <table className="w-full text-left text-sm" aria-label={props.label}>
          <thead className="bg-slate-50 text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} className="px-2 py-2 font-medium" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                      {header.column.getCanSort() ? (
                        <button type="button" className="inline-flex items-center gap-1 hover:text-slate-900" onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                          <span aria-hidden className="text-xs">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top hover:bg-slate-50">
                {row.getAllCells().map((cell, i) => (
                  <td key={cell.id} className="px-2 py-1.5">
                    {i === 0 && props.rowHref ? (
                      <Link href={props.rowHref(row.original)} className="font-mono text-xs text-sky-700 hover:underline">
                        <table.FlexRender cell={cell} />
                      </Link>
                    ) : (
                      <table.FlexRender cell={cell} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {props.rows.length === 0 && <div className="p-6 text-center text-slate-500">{props.empty}</div>}
      </div>
      <nav className="mt-3 flex flex-wrap items-center gap-3 text-sm" aria-label="Pages">
        <span className="text-slate-600" data-testid="table-range">
          {props.rows.length ? `${(first + 1).toLocaleString("en")}–${(first + props.rows.length).toLocaleString("en")}` : "0"} of{" "}
          {countText({ count: props.rowCount, bound: props.countBound ?? "exact" })}
        </span>
        <button type="button" className="rounded border px-2 py-1 disabled:opacity-40" disabled={!props.prev} onClick={() => go("first")}>
          « First
        </button>
        <button type="button" className="rounded border px-2 py-1 disabled:opacity-40" disabled={!props.prev} onClick={() => go("prev")}>
          ‹ Previous
        </button>
        <span>
          Page {(props.page + 1).toLocaleString("en")} of {countText({ count: pages, bound: props.countBound ?? "exact" })}
        </span>
        <button type="button" className="rounded border px-2 py-1 disabled:opacity-40" disabled={!props.next} onClick={() => go("next")}>
          Next ›
        </button>
        <label className="ml-auto flex items-center gap-1 text-slate-600">
          Rows per page
          <select className="rounded border px-1 py-0.5" value={props.pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
            {props.pageSizes.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </nav>
    </div>
  );
}
