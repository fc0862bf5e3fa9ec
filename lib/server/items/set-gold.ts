import "server-only";
import { db, forUpdate } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { goldInput, type GoldInput } from "../../validation/gold";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";

const Gold = row({ isGold: col.bool, goldDecision: col.text.nullable() });

/**
 * Marks an artifact as gold with the verdict it is known to deserve (queues then mix it in at the
 * project's gold rate, and annotators' answers on it measure their accuracy), or removes the mark.
 * The audit log keeps the mark before and after.
 */
export async function setGold(raw: GoldInput, actor: Actor): Promise<{ isGold: boolean; goldDecision: string | null }> {
  const input = goldInput.parse(raw);
  return db().tx(async (t) => {
    const before = await t.maybe(Gold, sql`SELECT "isGold", "goldDecision" FROM "Artifact" WHERE "projectId" = ${input.projectId} AND "id" = ${input.artifactId}${forUpdate(t)}`);
    if (!before) throw new AppError("not_found", `Artifact ${input.artifactId} is not in this project.`);
    const after = input.gold === "none" ? { isGold: false, goldDecision: null } : { isGold: true, goldDecision: input.gold };
    await t.exec(sql`UPDATE "Artifact" SET "isGold" = ${after.isGold}, "goldDecision" = ${after.goldDecision} WHERE "projectId" = ${input.projectId} AND "id" = ${input.artifactId}`);
    await writeAudit(t, {
      ...actor,
      action: after.isGold ? "artifact.gold_set" : "artifact.gold_removed",
      entityType: "Artifact",
      entityId: input.artifactId,
      projectId: input.projectId,
      before,
      after,
    });
    return after;
  });
}
