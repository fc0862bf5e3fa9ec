-- The items table filters artifacts in SQL: the user's platform is copied onto the artifact, the
-- deterministic checks become bits of one integer (filled by the importer, and at start for rows
-- imported before this migration: the partial index finds them), and a final artifact records who
-- decided it, because the test set takes only human decisions.
-- Written by hand: Prisma's diff redefines the table, and inside a migration's transaction the
-- DROP TABLE of a redefinition would cascade into verdicts and leases.
ALTER TABLE "Artifact" ADD COLUMN "platform" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Artifact" ADD COLUMN "decidedBy" TEXT;
ALTER TABLE "Artifact" ADD COLUMN "flags" INTEGER;
ALTER TABLE "Artifact" DROP COLUMN "flagsJson";

UPDATE "Artifact" SET "platform" = (
  SELECT u."platform" FROM "SourceUser" u WHERE u."projectId" = "Artifact"."projectId" AND u."uid" = "Artifact"."uid");
UPDATE "Artifact" SET "decidedBy" = CASE
  WHEN EXISTS (SELECT 1 FROM "Adjudication" j WHERE j."projectId" = "Artifact"."projectId" AND j."artifactId" = "Artifact"."id") THEN 'lead'
  ELSE 'annotators' END
WHERE "status" IN ('accepted', 'rejected');

-- Not in schema.prisma (Prisma cannot express a partial index); see lib/server/import/fill-missing-flags.ts.
CREATE INDEX "Artifact_flags_missing_idx" ON "Artifact"("projectId") WHERE "flags" IS NULL;

-- Reason codes of the live verdicts (the latest per annotator, unless retracted) and of the
-- adjudication, as bits in REASON_CODES order (lib/domain/kinds.ts reasonFlagsOf).
ALTER TABLE "Artifact" ADD COLUMN "reasonFlags" INTEGER NOT NULL DEFAULT 0;
UPDATE "Artifact" SET "reasonFlags" = (
  SELECT COALESCE(SUM(DISTINCT CASE r."value"
    WHEN 'hallucination' THEN 1 WHEN 'contradiction' THEN 2 WHEN 'leakage' THEN 4 WHEN 'pii' THEN 8 WHEN 'unsafe' THEN 16
    WHEN 'generic' THEN 32 WHEN 'wrong_format' THEN 64 WHEN 'off_topic' THEN 128 WHEN 'duplicate' THEN 256
    WHEN 'garbled' THEN 512 WHEN 'other' THEN 1024 ELSE 0 END), 0)
  FROM (
    SELECT v."reasonsJson" AS reasons FROM "VerdictEvent" v
    WHERE v."projectId" = "Artifact"."projectId" AND v."artifactId" = "Artifact"."id" AND v."decision" <> 'retract'
      AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" w WHERE w."projectId" = v."projectId" AND w."artifactId" = v."artifactId"
        AND w."accountId" = v."accountId" AND (w."createdAt" > v."createdAt" OR (w."createdAt" = v."createdAt" AND w."id" > v."id")))
    UNION ALL
    SELECT j."reasonsJson" FROM "Adjudication" j WHERE j."projectId" = "Artifact"."projectId" AND j."artifactId" = "Artifact"."id"
  ) AS live, json_each(live.reasons) AS r);

-- Every judge score in one integer, 4 bits per metric in JUDGE_METRICS order (lib/domain/qc/packed-scores.ts).
ALTER TABLE "Artifact" ADD COLUMN "scoresPacked" INTEGER;
UPDATE "Artifact" SET "scoresPacked" = COALESCE(json_extract("judgeScoresJson", '$.hallucination'), 0) * 1 + COALESCE(json_extract("judgeScoresJson", '$.coverage'), 0) * 16 + COALESCE(json_extract("judgeScoresJson", '$.conciseness'), 0) * 256 + COALESCE(json_extract("judgeScoresJson", '$.relevance'), 0) * 4096 + COALESCE(json_extract("judgeScoresJson", '$.fluency'), 0) * 65536 + COALESCE(json_extract("judgeScoresJson", '$.informativeness'), 0) * 1048576 + COALESCE(json_extract("judgeScoresJson", '$.novelty'), 0) * 16777216 + COALESCE(json_extract("judgeScoresJson", '$.fidelity'), 0) * 268435456 + COALESCE(json_extract("judgeScoresJson", '$.leakage'), 0) * 4294967296 + COALESCE(json_extract("judgeScoresJson", '$.overall'), 0) * 68719476736 WHERE "judgeScoresJson" IS NOT NULL;

CREATE INDEX "Artifact_items_idx" ON "Artifact"("projectId", "status", "kind", "platform", "flavor", "judgeOverall", "judgeMin", "flags", "reasonFlags", "isGold", "verdictCount", "disagreement", "finalizedAt", "decidedBy", "scoresPacked");
CREATE INDEX "VerdictEvent_projectId_accountId_artifactId_idx" ON "VerdictEvent"("projectId", "accountId", "artifactId");
CREATE INDEX "Artifact_projectId_judgeMin_idx" ON "Artifact"("projectId", "judgeMin");
CREATE INDEX "Artifact_projectId_judgeOverall_idx" ON "Artifact"("projectId", "judgeOverall");
