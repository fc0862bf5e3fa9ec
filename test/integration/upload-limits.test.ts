import { describe, expect, it } from "vitest";
import { dataDir } from "@/lib/env";
import { uploadBatch } from "@/lib/server/api/upload-batch";
import { freeBytes } from "@/lib/server/disk-room";
import { importUpload } from "@/lib/server/import/import-upload";
import { count, sql } from "../helpers/db";
import { addMember, makeAccount, makeProject, unique } from "../helpers/factories";

const body = (text: string) => new Response(text).body!;

describe("uploads the disk cannot take", () => {
  it("are refused before anything is spooled or written when the disk would keep less than twice their size free", async () => {
    const lead = await makeAccount("lead");
    const user = { id: lead.id, email: lead.email, name: lead.email, role: lead.role };
    const project = await makeProject();
    await addMember(project.id, lead.id);
    const before = await count(sql`SELECT COUNT(*) FROM "StoredFile"`);
    const huge = Math.floor(freeBytes(dataDir()) / 2);
    await expect(uploadBatch(user, { projectId: project.id, file: "big.jsonl" }, { body: body("{}\n"), contentLength: huge, idempotencyKey: null })).rejects.toMatchObject({
      code: "insufficient_storage",
      message: expect.stringContaining("Not enough disk space for this upload"),
    });
    expect(await count(sql`SELECT COUNT(*) FROM "StoredFile"`)).toBe(before);
    expect(await count(sql`SELECT COUNT(*) FROM "ImportBatch" WHERE "projectId" = ${project.id}`)).toBe(0);

    const name = unique("page-upload");
    await expect(importUpload(user, { project: name, fileName: "big.jsonl" }, body("{}\n"), huge)).rejects.toMatchObject({ code: "insufficient_storage" });
    expect(await count(sql`SELECT COUNT(*) FROM "Project" WHERE "name" = ${name}`)).toBe(0);
  });

  it("refuse a body shorter than it declared, whatever cut it (a proxy's buffer, a dropped connection): nothing is imported", async () => {
    const lead = await makeAccount("lead");
    const user = { id: lead.id, email: lead.email, name: lead.email, role: lead.role };
    const project = await makeProject();
    await addMember(project.id, lead.id);
    const line = JSON.stringify({ type: "user", uid: "reddit:cut", platform: "reddit" }) + "\n";
    const stored = await count(sql`SELECT COUNT(*) FROM "StoredFile"`);
    await expect(uploadBatch(user, { projectId: project.id, file: "cut.jsonl" }, { body: body(line), contentLength: line.length + 1000, idempotencyKey: null })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining(`ended after ${line.length} of the ${(line.length + 1000).toLocaleString("en")} bytes it declared`),
    });
    expect(await count(sql`SELECT COUNT(*) FROM "SourceUser" WHERE "projectId" = ${project.id}`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM "ImportBatch" WHERE "projectId" = ${project.id}`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM "StoredFile"`)).toBe(stored); // nothing of it stays in the database
  });
});
