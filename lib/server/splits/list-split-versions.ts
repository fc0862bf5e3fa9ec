import "server-only";
import { z } from "zod";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { Ratios, Split } from "../../domain/splits";

export interface SplitVersionRow {
  version: number;
  status: "draft" | "frozen";
  seed: string;
  ratios: Ratios;
  createdAt: string;
  frozenAt: string | null;
  createdBy: string | null;
  counts: Record<Split, { users: number; artifacts: number }>;
}

const Version = row({
  id: col.int,
  version: col.int,
  status: z.enum(["draft", "frozen"]),
  seed: col.text,
  ratios: col.json(z.custom<Ratios>((v) => typeof v === "object" && v !== null)),
  createdAt: col.date,
  frozenAt: col.date.nullable(),
  createdBy: col.text.nullable(),
});
const PerSplit = row({ split: col.text as unknown as z.ZodType<Split, string>, artifacts: col.int, users: col.int });

/** A project's split versions, newest first, with users and artifacts per split. */
export async function listSplitVersions(projectId: number): Promise<SplitVersionRow[]> {
  const versions = await db().many(
    Version,
    sql`SELECT v."id", v."version", v."status", v."seed", v."ratiosJson" AS "ratios", v."createdAt", v."frozenAt", a."email" AS "createdBy"
        FROM "SplitVersion" v LEFT JOIN "Account" a ON a."id" = v."createdById" WHERE v."projectId" = ${projectId} ORDER BY v."version" DESC`,
  );
  return Promise.all(
    versions.map(async ({ id, ...v }) => {
      const counts: SplitVersionRow["counts"] = { train: { users: 0, artifacts: 0 }, validation: { users: 0, artifacts: 0 }, test: { users: 0, artifacts: 0 } };
      const perSplit = await db().many(PerSplit, sql`SELECT "split", COUNT(*) AS "artifacts", COUNT(DISTINCT "uid") AS "users" FROM "SplitMember" WHERE "splitVersionId" = ${id} GROUP BY "split"`);
      for (const r of perSplit) counts[r.split] = { users: r.users, artifacts: r.artifacts };
      return { ...v, counts };
    }),
  );
}

/** The number of the project's latest split version, or null when it has none. */
export async function latestSplitVersion(projectId: number): Promise<number | null> {
  return (await db().one(row({ v: col.int.nullable() }), sql`SELECT MAX("version") AS "v" FROM "SplitVersion" WHERE "projectId" = ${projectId}`)).v;
}
