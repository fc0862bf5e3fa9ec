import type { Metadata } from "next";
import { MembersForm } from "@/components/projects/members-form";
import { SettingsForm } from "@/components/projects/settings-form";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { TemplateForm } from "@/components/projects/template-form";
import { TEMPLATE_FIELDS } from "@/lib/domain/sft/templates";
import { currentTemplates } from "@/lib/server/projects/prompt-templates";
import { projectSettingsView } from "@/lib/server/projects/project-settings-view";
import { archiveAction, saveMembers, savePromptTemplate, saveSettings } from "./actions";
import { ArchiveForm } from "@/components/projects/archive-form";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { id } = await requireProjectPage("project:manage", projectId, `/projects/${projectId}/settings`);
  const { project, memberIds, accounts } = await projectSettingsView(id);
  const ofRole = (role: string) => accounts.filter((a) => a.role === role);
  const assigned = (role: string) => memberIds.filter((memberId) => ofRole(role).some((a) => a.id === memberId));
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">{project.name}: settings</h1>
      <SettingsForm project={project} action={saveSettings} />
      <section>
        <h2 className="mb-2 text-lg font-semibold">Annotators</h2>
        <p className="mb-2 text-sm text-slate-600">They see this project and review its queue.</p>
        <MembersForm projectId={project.id} role="annotator" accounts={ofRole("annotator")} assigned={assigned("annotator")} action={saveMembers} />
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Leads</h2>
        <p className="mb-2 text-sm text-slate-600">They manage this project: settings, imports, adjudication, calibration, splits and exports. Other leads do not see it; admins see every project.</p>
        <MembersForm projectId={project.id} role="lead" accounts={ofRole("lead")} assigned={assigned("lead")} action={saveMembers} />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Prompt templates</h2>
        <p className="text-sm text-slate-600">
          The user turn of each exported training record. Every saved text is a new version; a split version keeps the versions it was made with, so its exports never change, and its dataset card
          shows them.
        </p>
        {(await currentTemplates(project.id)).map((t) => (
          <TemplateForm
            key={t.task}
            projectId={project.id}
            task={t.task}
            version={t.version}
            template={t.template}
            isDefault={t.isDefault}
            fields={TEMPLATE_FIELDS[t.task]}
            action={savePromptTemplate}
          />
        ))}
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Archive</h2>
        <ArchiveForm projectId={project.id} name={project.name} archivedAt={project.archivedAt} action={archiveAction} />
      </section>
    </div>
  );
}
