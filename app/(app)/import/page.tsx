import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/import/import-form";
import { RecentImports } from "@/components/import/recent-imports";
import { requirePage } from "@/lib/auth/guard-page";
import { importPageData } from "@/lib/server/import/recent-imports";

export const metadata: Metadata = { title: "Import a batch" };

export default async function ImportPage() {
  const user = await requirePage("import:run", "/import");
  const { projects, batches } = await importPageData(user);
  return (
    <>
      <h1 className="text-2xl font-semibold">Import a batch</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        A JSON Lines file from the pipeline: users, posts, artifacts and verdicts (see{" "}
        <Link href="/import/format" className="text-indigo-700 underline">
          the import format
        </Link>
        ). A file imports all or nothing: if any line is bad, every bad line is listed and nothing is written. Lines already imported count as unchanged.
      </p>
      <ImportForm projects={projects} />
      <RecentImports batches={batches} />
    </>
  );
}
