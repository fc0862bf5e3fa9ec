-- Triage: the route the rules gave an artifact, whether it was sampled for a human audit, and the
-- rule set version that routed it.
ALTER TABLE "Artifact" ADD COLUMN "triageRoute" TEXT;
ALTER TABLE "Artifact" ADD COLUMN "triageAudit" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Artifact" ADD COLUMN "triageVersion" INTEGER;
-- Only triaged artifacts are in it, so it costs imports nothing; the dashboard counts from it.
-- (A partial index: not in schema.prisma, which cannot express one.)
CREATE INDEX "Artifact_triage_idx" ON "Artifact"("projectId", "triageRoute", "triageAudit", "status", "decidedBy") WHERE "triageRoute" IS NOT NULL;
