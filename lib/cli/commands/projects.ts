import { projectForApi } from "../../server/api/pipeline-lead";
import { setGold } from "../../server/items/set-gold";
import { assignMembers } from "../../server/projects/assign-members";
import { createProject } from "../../server/projects/create-project";
import { findProjectByName } from "../../server/projects/find-project";
import { patchProjectSettings } from "../../server/projects/update-project-settings";
import { CLI_ACTOR } from "../../server/record-audit";
import { goldInput, membersInput, newProjectInput, settingsPatchInput } from "../../validation/lead-actions";

/** The settings options as commander hands them over (strings, booleans already parsed). */
export interface SettingsOptions {
  description?: string;
  overlap?: string;
  leaseMinutes?: string;
  goldRate?: string;
  blindMode?: boolean;
  labelMode?: string;
  calibrationFirst?: boolean;
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** `cli projects create NAME [settings]`: a new project; prints it as the API shows it. */
export async function createProjectCommand(name: string, opts: SettingsOptions): Promise<number> {
  const made = await createProject(newProjectInput.parse({ name, ...opts }), CLI_ACTOR);
  print(await projectForApi(made.id));
  return 0;
}

/** `cli projects set --project NAME [settings]`: changes the settings named, keeps the rest. */
export async function setProjectCommand(opts: SettingsOptions & { project: string }): Promise<number> {
  const { project: name, ...settings } = opts;
  const project = await findProjectByName(name);
  await patchProjectSettings(settingsPatchInput.parse({ projectId: project.id, ...settings }), CLI_ACTOR);
  print(await projectForApi(project.id));
  return 0;
}

/** `cli projects show --project NAME`: settings, members, and artifacts by review status. */
export async function showProjectCommand(opts: { project: string }): Promise<number> {
  print(await projectForApi((await findProjectByName(opts.project)).id));
  return 0;
}

/** `cli members add --project NAME --role ROLE --emails A,B [--replace]`. */
export async function membersCommand(opts: { project: string; role: string; emails: string[]; replace?: boolean }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const members = await assignMembers(membersInput.parse({ projectId: project.id, role: opts.role, emails: opts.emails, replace: opts.replace ?? false }), CLI_ACTOR);
  process.stdout.write(`${project.name} has ${members.length} ${opts.role}${members.length === 1 ? "" : "s"}: ${members.join(", ")}\n`);
  return 0;
}

/** `cli gold --project NAME --artifact ID --answer accept|reject|none`. */
export async function goldCommand(opts: { project: string; artifact: string; answer: string }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const after = await setGold(goldInput.parse({ projectId: project.id, artifactId: opts.artifact, gold: opts.answer }), CLI_ACTOR);
  process.stdout.write(after.isGold ? `${opts.artifact} is gold: the right answer is ${after.goldDecision}.\n` : `${opts.artifact} is not gold.\n`);
  return 0;
}
