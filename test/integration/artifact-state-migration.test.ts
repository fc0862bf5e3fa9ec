import { randomUUID } from "node:crypto";
import { runner } from "node-pg-migrate";
import { describe, expect, inject, it } from "vitest";
import { openDb } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { MIGRATIONS_DIR, migratePostgres } from "@/lib/db/migrate-postgres";
import { sql } from "@/lib/db/sql";

const TALLY = row({ status: col.text, decidedBy: col.text, gold: col.bool, n: col.int });

describe("migration 027 (the artifacts' state in a table of its own)", () => {
  it("moves every artifact's state and keeps the tallies, the queue and the triggers working", async () => {
    const adminUrl = inject("postgresAdminUrl");
    const name = `workbench_mig027_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = openDb(adminUrl);
    await admin.exec(sql`CREATE DATABASE ${sql.raw(name)}`);
    await admin.close();
    const url = adminUrl.replace(/\/postgres$/, `/${name}`);
    // the database as the workbench left it before 027, with artifacts in every state
    await runner({ databaseUrl: url, dir: MIGRATIONS_DIR, migrationsTable: "workbench_migrations", direction: "up", count: 27, log: () => undefined });
    const d = openDb(url);
    try {
      const { id: projectId } = await d.one(row({ id: col.int }), sql`INSERT INTO "Project" ("name", "overlap", "updatedAt") VALUES ('before', 2, now()) RETURNING "id"`);
      await d.exec(sql`INSERT INTO "SourceUser" ("projectId", "uid", "platform") VALUES (${projectId}, 'u', 'reddit')`);
      await d.exec(sql`INSERT INTO "Artifact" ("projectId", "id", "uid", "platform", "kind", "contentJson", "flags", "isGold", "importedAt", "status", "verdictCount", "decidedBy",
                                            "finalDecision", "finalizedAt", "queueRank", "triageRoute", "triageAudit")
                       SELECT ${projectId}, 'a' || g, 'u', 'reddit', 'persona', '{"text":"x"}', 0, g = 4, now(),
                              (ARRAY['pending', 'in_review', 'accepted', 'rejected', 'disputed'])[g % 5 + 1], g % 3,
                              CASE WHEN g % 5 IN (2, 3) THEN 'annotators' END, CASE g % 5 WHEN 2 THEN 'accept' WHEN 3 THEN 'reject' END,
                              CASE WHEN g % 5 IN (2, 3) THEN now() END, g % 7, CASE WHEN g % 5 = 2 THEN 'auto_accept' END, g % 10 = 0
                       FROM generate_series(1, 40) g`);
      const tally = () =>
        d.many(TALLY, sql`SELECT "status", "decidedBy", "gold", SUM("n")::int AS "n" FROM "ArtifactTally" WHERE "projectId" = ${projectId} GROUP BY 1, 2, 3 HAVING SUM("n") <> 0 ORDER BY 1, 2, 3`);
      const before = await tally();
      const state = sql`"status", "verdictCount", "decidedBy", "finalDecision", "finalizedAt", "queueRank", "triageRoute", "triageAudit"`;
      const stateBefore = await d.many(row({ id: col.text, s: col.text }), sql`SELECT "id", ROW(${state})::text AS "s" FROM "Artifact" ORDER BY "id"`);

      expect(await migratePostgres(url)).toContain("1764547200027_artifact_state_narrow");
      expect(await d.many(row({ id: col.text, s: col.text }), sql`SELECT "artifactId" AS "id", ROW(${state})::text AS "s" FROM "ArtifactState" ORDER BY "artifactId"`)).toEqual(stateBefore);
      expect(await tally()).toEqual(before);

      // an artifact imported since starts pending; gold set on the artifact is copied to its state
      await d.exec(sql`INSERT INTO "Artifact" ("projectId", "id", "uid", "platform", "kind", "contentJson", "importedAt") VALUES (${projectId}, 'new', 'u', 'reddit', 'persona', '{}', now())`);
      await d.exec(sql`UPDATE "Artifact" SET "isGold" = true WHERE "projectId" = ${projectId} AND "id" = 'new'`);
      expect(await d.one(row({ status: col.text, isGold: col.bool }), sql`SELECT "status", "isGold" FROM "ArtifactState" WHERE "artifactId" = 'new'`)).toEqual({
        status: "pending",
        isGold: true,
      });
      expect((await tally()).find((r) => r.status === "pending" && r.gold)?.n).toBe((before.find((r) => r.status === "pending" && r.gold)?.n ?? 0) + 1);
      // a dispute settled leaves the list; an artifact deleted takes its state and its count
      await d.exec(sql`SELECT workbench_fill_disputes()`);
      await d.exec(sql`UPDATE "ArtifactState" SET "status" = 'accepted' WHERE "projectId" = ${projectId} AND "artifactId" = 'a4'`);
      expect(await d.many(row({ id: col.text }), sql`SELECT "artifactId" AS "id" FROM "Dispute" WHERE "artifactId" = 'a4'`)).toEqual([]);
      await d.exec(sql`DELETE FROM "Artifact" WHERE "projectId" = ${projectId} AND "id" = 'new'`);
      expect(await d.many(row({ id: col.text }), sql`SELECT "artifactId" AS "id" FROM "ArtifactState" WHERE "artifactId" = 'new'`)).toEqual([]);
    } finally {
      await d.close();
    }
  });
});
