import "server-only";
import { AppError } from "../../errors";
import { goldInput, type GoldInput } from "../../validation/gold";
import { writeAudit } from "../audit";
import { rawDb } from "../raw-db";
import type { Actor } from "../record-audit";
import { immediate, stmt, type Sqlite } from "../sqlite";

/**
 * Marks an artifact as gold with the verdict it is known to deserve (queues then mix it in at the
 * project's gold rate, and annotators' answers on it measure their accuracy), or removes the mark.
 * The audit log keeps the mark before and after.
 */
export function setGold(raw: GoldInput, actor: Actor, db: Sqlite = rawDb()): { isGold: boolean; goldDecision: string | null } {
  const input = goldInput.parse(raw);
  return immediate(db, () => {
    const before = stmt(db, `SELECT isGold, goldDecision FROM Artifact WHERE projectId = ? AND id = ?`).get(input.projectId, input.artifactId) as
      | { isGold: number; goldDecision: string | null }
      | undefined;
    if (!before) throw new AppError("not_found", `Artifact ${input.artifactId} is not in this project.`);
    const after = input.gold === "none" ? { isGold: false, goldDecision: null } : { isGold: true, goldDecision: input.gold };
    stmt(db, `UPDATE Artifact SET isGold = ?, goldDecision = ? WHERE projectId = ? AND id = ?`).run(after.isGold ? 1 : 0, after.goldDecision, input.projectId, input.artifactId);
    writeAudit(db, {
      ...actor,
      action: after.isGold ? "artifact.gold_set" : "artifact.gold_removed",
      entityType: "Artifact",
      entityId: input.artifactId,
      projectId: input.projectId,
      before: { isGold: before.isGold === 1, goldDecision: before.goldDecision },
      after,
    });
    return after;
  });
}
