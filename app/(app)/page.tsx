import Link from "next/link";
import { ProjectCard } from "@/components/projects/project-card";
import { requirePage } from "@/lib/auth/guard-page";
import { can } from "@/lib/auth/roles";
import { countArchived, listProjects } from "@/lib/server/projects/list-projects";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const user = await requirePage("project:read", "/");
  const archived = (await searchParams).archived === "1";
  const [projects, archivedCount] = await Promise.all([listProjects(user, { archived }), countArchived(user)]);
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{archived ? "Archived projects" : "Projects"}</h1>
        {archived ? (
          <Link href="/" className="text-sm text-indigo-700 underline">
            Back to active projects
          </Link>
        ) : (
          archivedCount > 0 && (
            <Link href="/?archived=1" className="text-sm text-indigo-700 underline" data-testid="archived-link">
              {archivedCount} archived
            </Link>
          )
        )}
      </div>
      {archived && projects.length === 0 ? (
        <p className="mt-6 text-slate-600">No archived projects.</p>
      ) : projects.length === 0 ? (
        <div className="mt-6 rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-600">
          {can(user.role, "import:run") ? (
            <>
              No projects yet.{" "}
              <Link href="/import" className="text-indigo-700 underline">
                Import a batch
              </Link>{" "}
              to create one.
            </>
          ) : (
            "You are not assigned to any project yet. Ask a lead to add you to one."
          )}
        </div>
      ) : (
        <ul className="mt-6 space-y-4">
          {projects.map((p) => (
            <ProjectCard key={p.id} project={p} canManage={can(user.role, "project:manage")} canAdjudicate={can(user.role, "adjudicate")} />
          ))}
        </ul>
      )}
    </>
  );
}
