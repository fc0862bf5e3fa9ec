import { z } from "zod";
import { db, type Queryable } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import type { Sql } from "@/lib/db/sql";

import { sql } from "@/lib/db/sql";

export { sql };

/** Rows as plain records, for tests that check what a use case stored. */
export const rows = (q: Sql) => db().many(z.record(z.string(), z.unknown()), q);

/** The first column of the first row as a number (counts, ids), on the test's database or `on`. */
export const count = async (q: Sql, on: Queryable = db()) => Number(Object.values((await on.many(z.record(z.string(), z.unknown()), q))[0] ?? {})[0] ?? 0);

/** One column of every row as text. */
export const texts = async (q: Sql) => (await db().many(row({ v: col.text }), q)).map((r) => r.v);

const ident = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return sql.raw(`"${name}"`);
};

const conditions = (where: Record<string, unknown>) =>
  sql.join(
    Object.entries(where).map(([k, v]) => sql`${ident(k)} = ${v}`),
    sql` AND `,
  );

/** Sets columns of the rows of `table` that match `where` (tests arranging what no screen sets). */
export async function update(table: string, where: Record<string, unknown>, data: Record<string, unknown>): Promise<number> {
  const sets = sql.join(Object.entries(data).map(([k, v]) => sql`${ident(k)} = ${v}`));
  return db().exec(sql`UPDATE ${ident(table)} SET ${sets} WHERE ${conditions(where)}`);
}

/**
 * Each artifact with its state (migration 027) as one row, as tests read them: `FROM ${ARTIFACT_ROWS} "Artifact"`.
 */
export const ARTIFACT_ROWS = sql`(SELECT a.*, s."status", s."finalDecision", s."finalContentJson", s."finalizedAt", s."decidedBy", s."triageRoute", s."triageAudit",
  s."triageVersion", s."queueRank", s."verdictCount", s."disagreement", s."reasonFlags", s."overrideFlags"
  FROM "Artifact" a JOIN "ArtifactState" s ON s."projectId" = a."projectId" AND s."artifactId" = a."id")`;

const Audit = row({ before: col.json(z.unknown()).nullable(), after: col.json(z.unknown()).nullable() });

/** The first audit event that matches (by projectId, action, entityId), with its before and after parsed. */
export async function auditEvent(where: { projectId?: number; action: string; entityId?: string }) {
  const e = await db().maybe(Audit, sql`SELECT "beforeJson" AS "before", "afterJson" AS "after" FROM "AuditEvent" WHERE ${conditions(where)} ORDER BY "id" LIMIT 1`);
  if (!e) throw new Error(`no audit event ${JSON.stringify(where)}`);
  return e as { before: Record<string, unknown> | null; after: Record<string, unknown> | null };
}

const ArtifactState = row({
  status: col.text,
  verdictCount: col.int,
  finalDecision: col.text.nullable(),
  finalContentJson: col.text.nullable(),
  finalizedAt: col.date.nullable(),
  decidedBy: col.text.nullable(),
  disagreement: col.num,
  contentJson: col.text,
});

/** An artifact's stored review state and content. */
export async function artifactState(projectId: number, id: string) {
  return db().one(
    ArtifactState,
    sql`SELECT s."status", s."verdictCount", s."finalDecision", s."finalContentJson", s."finalizedAt", s."decidedBy", s."disagreement", a."contentJson"
        FROM "Artifact" a JOIN "ArtifactState" s ON s."projectId" = a."projectId" AND s."artifactId" = a."id" WHERE a."projectId" = ${projectId} AND a."id" = ${id}`,
  );
}
