-- A reviewer who accepts an artifact with a failed deterministic check confirms it with a second key
-- press that names the check; the verdict keeps which checks it overrode, and the artifact the ones its
-- live verdicts overrode, for the items table's filter. Added columns rather than redefined tables, so
-- the append-only triggers and the hand-made indexes stay as they are.
ALTER TABLE "VerdictEvent" ADD COLUMN "overrideFlags" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Artifact" ADD COLUMN "overrideFlags" INTEGER NOT NULL DEFAULT 0;

-- the items table's covering index gains the column, so the filter stays an index scan
DROP INDEX "Artifact_items_idx";
CREATE INDEX "Artifact_items_idx" ON "Artifact"("projectId", "status", "kind", "platform", "flavor", "judgeOverall", "judgeMin", "flags", "reasonFlags", "isGold", "verdictCount", "disagreement", "finalizedAt", "decidedBy", "scoresPacked", "overrideFlags");
