import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MembersForm } from "@/components/projects/members-form";
import { SettingsForm } from "@/components/projects/settings-form";
import { requirePage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { TemplateForm } from "@/components/projects/template-form";
import { TEMPLATE_FIELDS } from "@/lib/domain/sft/templates";
import { currentTemplates } from "@/lib/server/projects/prompt-templates";
import { saveMembers, savePromptTemplate, saveSettings } from "./actions";

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
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Prompt templates</h2>
        <p className="text-sm text-slate-600">
          The user turn of each exported training record. Every saved text is a new version; a split version keeps the versions it was made with, so its exports never
          change, and its dataset card shows them.
        </p>
        {currentTemplates(project.id).map((t) => (
          <TemplateForm key={t.task} projectId={project.id} task={t.task} version={t.version} template={t.template} isDefault={t.isDefault}
            fields={TEMPLATE_FIELDS[t.task]} action={savePromptTemplate} />
        ))}
      </section>
    </div>
  );
}
