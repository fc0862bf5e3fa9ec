import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importIntoNamedProject } from "@/lib/server/import/import-into-named-project";
import { count, sql } from "../helpers/db";
import { jsonl, makeAccount, tinyBatch, unique } from "../helpers/factories";

const source = (text: string) => Readable.from([Buffer.from(text)]);
const asUser = (a: { id: number; email: string; role: "annotator" | "lead" | "admin" }) => ({ id: a.id, email: a.email, name: a.email, role: a.role });

describe("importing into a project by name", () => {
  it("creates nothing, not even the project, when the file has a bad line", async () => {
    const lead = await makeAccount("lead");
    const name = unique("never");
    const t = tinyBatch();
    const result = await importIntoNamedProject(name, asUser(lead), {
      source: source(jsonl([t.user, t.post, "{not json"])),
      fileName: "bad.jsonl",
      actor: { actorId: lead.id, actorLabel: lead.email },
    });
    expect(result).toMatchObject({ ok: false, projectId: null, created: false, errorCount: 1 });
    expect(await count(sql`SELECT COUNT(*) FROM "Project" WHERE "name" = ${name}`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM "AuditEvent" WHERE "action" = 'project.created' AND "afterJson" LIKE ${`%${name}%`}`)).toBe(0);
  });

  it("makes its creator a member of the project it creates, and keeps other leads out of it", async () => {
    const [lead, other] = [await makeAccount("lead"), await makeAccount("lead")];
    const name = unique("mine");
    const t = tinyBatch();
    const made = await importIntoNamedProject(name, asUser(lead), { source: source(jsonl([t.user, t.post, t.artifact])), fileName: "good.jsonl", actor: { actorId: lead.id, actorLabel: lead.email } });
    expect(made).toMatchObject({ ok: true, created: true });
    expect(await count(sql`SELECT "accountId" FROM "ProjectMember" WHERE "projectId" = ${made.projectId!}`)).toEqual(lead.id);
    expect(await count(sql`SELECT COUNT(*) FROM "ProjectMember" WHERE "projectId" = ${made.projectId!}`)).toBe(1);
    const t2 = tinyBatch();
    await expect(importIntoNamedProject(name, asUser(other), { source: source(jsonl([t2.user])), fileName: "x.jsonl", actor: { actorId: other.id, actorLabel: other.email } })).rejects.toThrow(
      "No project of yours is named",
    );
    expect(await count(sql`SELECT COUNT(*) FROM "SourceUser" WHERE "projectId" = ${made.projectId!}`)).toBe(1);
  });
});
