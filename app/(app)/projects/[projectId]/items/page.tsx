import type { Metadata } from "next";
import Link from "next/link";
import { ActiveFilters } from "@/components/items/active-filters";
import { ItemsFilters } from "@/components/items/items-filters";
import { ItemsTable } from "@/components/items/items-table";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { itemAnnotators } from "@/lib/server/items/item-annotators";
import { isUnfiltered } from "@/lib/server/items/items-where";
import { itemsPage } from "@/lib/server/items/list-items";
import { itemsQuery, PAGE_SIZES, searchParamsObject } from "@/lib/validation/items-query";

export const metadata: Metadata = { title: "Items" };

export default async function ItemsPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { projectId } = await params;
  const { id, project } = await requireProjectPage("project:manage", projectId, `/projects/${projectId}/items`);
  const parsed = itemsQuery.safeParse(searchParamsObject(await searchParams));
  if (!parsed.success) {
    return (
      <div role="alert" className="rounded border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800">
        <p className="font-medium">These filters cannot be read:</p>
        <ul className="mt-1 list-disc pl-5">
          {parsed.error.issues.map((i) => (
            <li key={i.path.join(".") + i.message}>
              {i.path.join(".")}: {i.message}
            </li>
          ))}
        </ul>
        <Link href={`/projects/${id}/items`} className="mt-2 inline-block text-indigo-700 underline">
          Show all items
        </Link>
      </div>
    );
  }
  const query = parsed.data;
  const [items, annotators] = await Promise.all([itemsPage(id, query), itemAnnotators(id)]);
  const { page } = items;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{project.name}: items</h1>
      <ActiveFilters query={query} count={items.count} annotators={annotators} />
      <ItemsFilters query={query} annotators={annotators} />
      <ItemsTable
        projectId={id}
        rows={page.rows}
        count={items.count}
        sort={query.sort}
        dir={query.dir}
        page={query.page}
        next={page.next}
        prev={page.prev}
        size={query.size}
        pageSizes={PAGE_SIZES}
        filtered={!isUnfiltered(query)}
      />
    </div>
  );
}
