-- The review queue puts what triage sends to people first, most uncertain first, and sampled audits
-- last; 0 is "never triaged", so a project without triage keeps its first-in, first-out queue.
ALTER TABLE "Artifact" ADD COLUMN "queueRank" INTEGER NOT NULL DEFAULT 0;
DROP INDEX "Artifact_projectId_status_importedAt_idx";
CREATE INDEX "Artifact_projectId_status_queueRank_importedAt_idx" ON "Artifact"("projectId", "status", "queueRank", "importedAt");
