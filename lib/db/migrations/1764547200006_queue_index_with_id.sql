-- Up Migration
-- The review queue's order ends with the artifact id (a stable order between artifacts imported in
-- the same millisecond); without it in the index, PostgreSQL sorted every open artifact of the
-- project to hand out one (3 s per claim at a million artifacts). With it, a claim walks the index.
CREATE INDEX "Artifact_queue_idx" ON "Artifact" ("projectId", "status", "queueRank", "importedAt", "id");
DROP INDEX "Artifact_projectId_status_queueRank_importedAt_idx";

-- Down Migration
CREATE INDEX "Artifact_projectId_status_queueRank_importedAt_idx" ON "Artifact" ("projectId", "status", "queueRank", "importedAt");
DROP INDEX "Artifact_queue_idx";
