import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { POST as assignMembersDoor } from "@/app/api/v1/projects/[projectId]/members/route";
import { POST as createProjectDoor } from "@/app/api/v1/projects/route";
import { db } from "@/lib/db/client";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { importIntoNamedProject } from "@/lib/server/import/import-into-named-project";
import { assignMembers } from "@/lib/server/projects/assign-members";
import { createProject } from "@/lib/server/projects/create-project";
import { CLI_ACTOR, type Actor } from "@/lib/server/record-audit";
import { membersInput, newProjectInput } from "@/lib/validation/lead-actions";
import { sql } from "../helpers/db";
import { addMember, jsonl, makeAccount, makeProject, tinyBatch, unique } from "../helpers/factories";

// A lead may not learn from an answer what they cannot see: whether an email has an account (and
// of which role, active or not), or whether a project they are not a member of has some name.
// Admins and the CLI (whoever runs it holds the database) see everything and get precise answers.

const actorOf = (a: { id: number; email: string }) => ({ actorId: a.id, actorLabel: a.email });
const asUser = (a: { id: number; email: string; role: "annotator" | "lead" | "admin" }) => ({ id: a.id, email: a.email, name: a.email, role: a.role });

/** The refusal of assigning one email, with the email itself blanked out. */
async function refusalFor(email: string, actor: Actor, role: "annotator" | "lead" = "annotator") {
  const project = await makeProject();
  const err = await assignMembers(membersInput.parse({ projectId: project.id, role, emails: [email] }), actor).then(
    () => null,
    (e: { code: string; message: string; details?: unknown }) => e,
  );
  if (!err) throw new Error(`${email} was assigned`);
  const blank = (s: string) => s.split(email).join("EMAIL");
  return { code: err.code, message: blank(err.message), details: JSON.parse(blank(JSON.stringify(err.details ?? null))) as unknown };
}

/** Accounts a lead cannot tell apart by assigning them as annotators: none, deactivated, an admin, a lead. */
async function unassignable() {
  const inactive = await makeAccount("annotator");
  await db().exec(sql`UPDATE "Account" SET "active" = false WHERE "id" = ${inactive.id}`);
  return { missing: `${unique("nobody")}@example.org`, inactive: inactive.email, admin: (await makeAccount("admin")).email, lead: (await makeAccount("lead")).email };
}

describe("assigning members by email", () => {
  it("gives a lead one answer for an email with no account, a deactivated one, an admin's and another role's, saying what to do", async () => {
    const lead = await makeAccount("lead");
    const emails = await unassignable();
    const answers = await Promise.all(Object.values(emails).map((e) => refusalFor(e, actorOf(lead))));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0].code).toBe("invalid_input");
    expect(answers[0].message).toMatch(/No active annotator account .*EMAIL.*ask an admin/i);
  });

  it("tells an admin and the CLI precisely what is wrong with each email", async () => {
    const admin = await makeAccount("admin");
    const emails = await unassignable();
    for (const actor of [actorOf(admin), CLI_ACTOR]) {
      expect((await refusalFor(emails.missing, actor)).message).toBe("EMAIL has no account.");
      expect((await refusalFor(emails.inactive, actor)).message).toBe("EMAIL is deactivated.");
      expect((await refusalFor(emails.admin, actor)).message).toBe("EMAIL is an admin, not an annotator.");
      expect((await refusalFor(emails.lead, actor)).message).toBe("EMAIL is a lead, not an annotator.");
    }
  });

  it("answers a lead's API call the same for an email with no account and a deactivated one", async () => {
    const lead = await makeAccount("lead");
    const project = await makeProject();
    await addMember(project.id, lead.id);
    const { secret } = await createApiToken({ accountId: lead.id, name: "members", scope: "write" }, actorOf(lead));
    const emails = await unassignable();
    const call = async (email: string) => {
      const res = await assignMembersDoor(
        new Request(`http://localhost/api/v1/projects/${project.id}/members`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify({ role: "annotator", emails: [email] }),
        }),
        { params: Promise.resolve({ projectId: String(project.id) }) },
      );
      return { status: res.status, body: (await res.text()).split(email).join("EMAIL") };
    };
    const [missing, inactive, admin] = [await call(emails.missing), await call(emails.inactive), await call(emails.admin)];
    expect(missing.status).toBe(422);
    expect(inactive).toEqual(missing);
    expect(admin).toEqual(missing);
  });
});

describe("a project name taken by a project the caller cannot see", () => {
  const source = (text: string) => Readable.from([Buffer.from(text)]);

  it("is refused with one answer that neither confirms the project nor names its id, alike when creating and when importing", async () => {
    const hidden = await makeProject();
    const lead = await makeAccount("lead");
    const created = await createProject(newProjectInput.parse({ name: hidden.name }), actorOf(lead), { member: lead.id }).then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    const t = tinyBatch();
    const imported = await importIntoNamedProject(hidden.name, asUser(lead), { source: source(jsonl([t.user])), fileName: "x.jsonl", actor: actorOf(lead) }).then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    expect(created).not.toBeNull();
    expect(imported).not.toBeNull();
    expect({ code: imported!.code, message: imported!.message }).toEqual({ code: created!.code, message: created!.message });
    expect(created!.message).not.toContain(String(hidden.id));
    expect(created!.message).not.toMatch(/exists|not one of yours/i);
    expect(created!.message).toContain("choose another name");
  });

  it("over the API, answers a lead as it would for the name of any project they cannot see", async () => {
    const [one, two] = [await makeProject(), await makeProject()];
    const lead = await makeAccount("lead");
    const { secret } = await createApiToken({ accountId: lead.id, name: "projects", scope: "write" }, actorOf(lead));
    const create = async (name: string) => {
      const res = await createProjectDoor(
        new Request("http://localhost/api/v1/projects", { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify({ name }) }),
        { params: Promise.resolve({}) },
      );
      return { status: res.status, body: (await res.text()).split(name).join("NAME") };
    };
    const [a, b] = [await create(one.name), await create(two.name)];
    expect(a.status).toBe(409);
    expect(b).toEqual(a);
  });

  it("is named precisely to whoever may see that project: its members, admins, the CLI", async () => {
    const taken = await makeProject();
    const [member, admin] = [await makeAccount("lead"), await makeAccount("admin")];
    await addMember(taken.id, member.id);
    const input = newProjectInput.parse({ name: taken.name });
    const precise = `A project named "${taken.name}" exists already (id ${taken.id})`;
    await expect(createProject(input, actorOf(member), { member: member.id })).rejects.toThrow(precise);
    await expect(createProject(input, actorOf(admin))).rejects.toThrow(precise);
    await expect(createProject(input, CLI_ACTOR)).rejects.toThrow(precise);
  });
});
