import { describe, expect, it } from "vitest";
import { applyHandEdits } from "./new-migration";

describe("applyHandEdits", () => {
  it("makes pipeline-keyed tables WITHOUT ROWID, also when Prisma redefines them", () => {
    const sql = `CREATE TABLE "Post" (\n    "id" TEXT NOT NULL,\n    PRIMARY KEY ("projectId", "id")\n);\nCREATE TABLE "new_Artifact" (\n    "id" TEXT NOT NULL\n);\nCREATE TABLE "Project" (\n    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT\n);`;
    const out = applyHandEdits(sql);
    expect(out).toContain('PRIMARY KEY ("projectId", "id")\n) WITHOUT ROWID;');
    expect(out).toContain('"id" TEXT NOT NULL\n) WITHOUT ROWID;');
    expect(out).toContain('"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT\n);');
  });

  it("drops AUTOINCREMENT on append-only tables only", () => {
    const out = applyHandEdits(`CREATE TABLE "VerdictEvent" (\n    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT\n);`);
    expect(out).toBe(`CREATE TABLE "VerdictEvent" (\n    "id" INTEGER NOT NULL PRIMARY KEY\n);`);
  });
});
