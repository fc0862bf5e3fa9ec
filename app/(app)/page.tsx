import Link from "next/link";
import { ProjectCard } from "@/components/projects/project-card";
import { requirePage } from "@/lib/auth/guard-page";
import { can } from "@/lib/auth/roles";
import { listProjects } from "@/lib/server/projects/list-projects";

export default async function HomePage() {
  const user = await requirePage("project:read", "/");
  const projects = await listProjects(user);
  return (
    <>
      <h1 className="text-2xl font-semibold">Projects</h1>
      {projects.length === 0 ? (
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
