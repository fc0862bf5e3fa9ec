import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importIntoNamedProject } from "@/lib/server/import/import-into-named-project";
import { jsonl, makeAccount, tinyBatch, unique } from "../helpers/factories";

const source = (text: string) => Readable.from([Buffer.from(text)]);
const asUser = (a: { id: number; email: string; role: "annotator" | "lead" | "admin" }) => ({ id: a.id, email: a.email, name: a.email, role: a.role });

describe("importing into a project by name", () => {
  it("creates nothing, not even the project, when the file has a bad line", async () => {
    const lead = await makeAccount("lead");
    const name = unique("never");
    const t = tinyBatch();
    const result = await importIntoNamedProject(name, asUser(lead), { source: source(jsonl([t.user, t.post, "{not json"])), fileName: "bad.jsonl", actor: { actorId: lead.id, actorLabel: lead.email } });
    expect(result).toMatchObject({ ok: false, projectId: null, created: false, errorCount: 1 });
    expect(await prisma.project.count({ where: { name } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "project.created", afterJson: { contains: name } } })).toBe(0);
  });

  it("makes its creator a member of the project it creates, and keeps other leads out of it", async () => {
    const [lead, other] = [await makeAccount("lead"), await makeAccount("lead")];
    const name = unique("mine");
    const t = tinyBatch();
    const made = await importIntoNamedProject(name, asUser(lead), { source: source(jsonl([t.user, t.post, t.artifact])), fileName: "good.jsonl", actor: { actorId: lead.id, actorLabel: lead.email } });
    expect(made).toMatchObject({ ok: true, created: true });
    expect(await prisma.projectMember.findMany({ where: { projectId: made.projectId! }, select: { accountId: true } })).toEqual([{ accountId: lead.id }]);
    const t2 = tinyBatch();
    await expect(
      importIntoNamedProject(name, asUser(other), { source: source(jsonl([t2.user])), fileName: "x.jsonl", actor: { actorId: other.id, actorLabel: other.email } }),
    ).rejects.toThrow("not one of yours");
    expect(await prisma.sourceUser.count({ where: { projectId: made.projectId! } })).toBe(1);
  });
});
