import type { Metadata } from "next";
import { ImportForm } from "@/components/import/import-form";
import { RecentImports } from "@/components/import/recent-imports";
import { requirePage } from "@/lib/auth/guard-page";
import { can } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "Import a batch" };

export default async function ImportPage() {
  const user = await requirePage("import:run", "/import");
  // leads see the projects they are members of, admins all
  const mine = can(user.role, "project:all") ? {} : { members: { some: { accountId: user.id } } };
  const [projects, batches] = await Promise.all([
    prisma.project.findMany({ where: mine, select: { name: true }, orderBy: { name: "asc" } }),
    prisma.importBatch.findMany({ where: { project: mine }, take: 10, orderBy: { id: "desc" }, include: { project: { select: { name: true } } } }),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Import a batch</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        A JSON Lines file from the pipeline: users, posts, artifacts and verdicts (see docs/import-format.md). A file imports all or
        nothing: if any line is bad, every bad line is listed and nothing is written. Lines already imported count as unchanged.
      </p>
      <ImportForm projects={projects.map((p) => p.name)} />
      <RecentImports batches={batches} />
    </>
  );
}
