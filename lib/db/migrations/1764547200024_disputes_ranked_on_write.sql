-- Up Migration
-- The adjudication list reads its order instead of computing it. Each disputed artifact has a row
-- here, written with its verdicts (the live accepts, edits and rejects, the judge's side under the
-- current rules, and the case's rank, lib/domain/dispute-case.ts), and the list is an index walk
-- in rank order. A rank holds for the rule set version it was computed with ("rankedWith"): after
-- the rules change (the judge's side moves), and for the rows below (NULL), the app ranks the
-- project's disputes again before it lists them.
CREATE TABLE "Dispute" (
  "projectId" INTEGER NOT NULL,
  "artifactId" TEXT NOT NULL,
  "accepts" INTEGER NOT NULL,
  "edits" INTEGER NOT NULL,
  "rejects" INTEGER NOT NULL,
  -- whether the judge's scores pass the current rules; NULL when the judge scored nothing
  "judgePass" BOOLEAN,
  "rank" BIGINT,
  "rankedWith" INTEGER,
  "importedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  PRIMARY KEY ("projectId", "artifactId"),
  FOREIGN KEY ("projectId", "artifactId") REFERENCES "Artifact" ("projectId", "id") ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX "Dispute_rank_idx" ON "Dispute" ("projectId", "rank" DESC, "importedAt", "artifactId");
CREATE INDEX "Dispute_ranked_with_idx" ON "Dispute" ("projectId", "rankedWith");

-- an artifact that stops being disputed (a lead decided, a verdict was undone) leaves the list
CREATE FUNCTION workbench_dispute_settled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Dispute" WHERE "projectId" = OLD."projectId" AND "artifactId" = OLD."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Artifact_dispute_settled" AFTER UPDATE OF "status" ON "Artifact" FOR EACH ROW
  WHEN (OLD."status" = 'disputed' AND NEW."status" <> 'disputed') EXECUTE FUNCTION workbench_dispute_settled();

-- Disputed artifacts without a row (those already there now; those a restore of an older backup
-- brings back) get one, counted from their live verdicts (each annotator's latest event, unless it
-- is a retraction), unranked. Returns how many.
CREATE FUNCTION workbench_fill_disputes() RETURNS bigint LANGUAGE sql AS $$
  WITH filled AS (
    INSERT INTO "Dispute" ("projectId", "artifactId", "accepts", "edits", "rejects", "importedAt")
    SELECT a."projectId", a."id",
           COUNT(*) FILTER (WHERE l."decision" = 'accept'), COUNT(*) FILTER (WHERE l."decision" = 'edit'), COUNT(*) FILTER (WHERE l."decision" = 'reject'), a."importedAt"
    FROM "Artifact" a
    LEFT JOIN LATERAL (
      SELECT DISTINCT ON (v."accountId") v."decision" FROM "VerdictEvent" v
      WHERE v."projectId" = a."projectId" AND v."artifactId" = a."id" ORDER BY v."accountId", v."createdAt" DESC, v."id" DESC
    ) l ON TRUE
    WHERE a."status" = 'disputed' AND NOT EXISTS (SELECT 1 FROM "Dispute" d WHERE d."projectId" = a."projectId" AND d."artifactId" = a."id")
    GROUP BY a."projectId", a."id", a."importedAt"
    RETURNING 1
  )
  SELECT COUNT(*) FROM filled
$$;
SELECT workbench_fill_disputes();

-- Down Migration
DROP FUNCTION workbench_fill_disputes();
DROP TRIGGER "Artifact_dispute_settled" ON "Artifact";
DROP FUNCTION workbench_dispute_settled();
DROP TABLE "Dispute";
