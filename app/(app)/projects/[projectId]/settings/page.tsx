import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MembersForm } from "@/components/projects/members-form";
import { SettingsForm } from "@/components/projects/settings-form";
import { requirePage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { saveMembers, saveSettings } from "./actions";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requirePage("project:manage", `/projects/${projectId}/settings`);
  const id = Number(projectId);
  const project = Number.isInteger(id) ? await prisma.project.findUnique({ where: { id }, include: { members: { select: { accountId: true } } } }) : null;
  if (!project) notFound();
  const annotators = await prisma.account.findMany({ where: { role: "annotator", active: true }, select: { id: true, email: true }, orderBy: { email: "asc" } });
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">{project.name}: settings</h1>
      <SettingsForm project={project} action={saveSettings} />
      <section>
        <h2 className="mb-2 text-lg font-semibold">Annotators</h2>
        <MembersForm projectId={project.id} annotators={annotators} assigned={project.members.map((m) => m.accountId)} action={saveMembers} />
      </section>
    </div>
  );
}
