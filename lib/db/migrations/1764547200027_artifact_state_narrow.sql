-- Up Migration
-- What reviews and triage change about an artifact lives in a narrow table of its own. An update of
-- the wide "Artifact" row (its content inline, 15 indexes) wrote the whole row and an entry in
-- every index: triage's apply at 1M took 86 s, and a bare UPDATE of the same rows 60-67 s. Here a
-- verdict or a route writes one short row and the few indexes the queue, the tallies and the
-- items table's state sorts need. "Artifact" keeps what the import wrote: content, scores, its
-- search and sort indexes.
--
-- The row also copies the artifact's own columns that the queue, triage and the tallies read with
-- the state (kind, flavor, platform, flags, scores, gold, import time), so none of them joins the
-- wide table. Triggers on "Artifact" keep the copies: its INSERT writes the state rows (pending,
-- untriaged), and an UPDATE of a copied column copies it.
CREATE TABLE "ArtifactState" (
  "projectId" INTEGER NOT NULL,
  "artifactId" TEXT NOT NULL,
  -- copies of "Artifact"
  "kind" TEXT NOT NULL,
  "flavor" TEXT,
  "platform" TEXT NOT NULL DEFAULT '',
  "flags" INTEGER,
  "scoresPacked" BIGINT,
  "isGold" BOOLEAN NOT NULL DEFAULT false,
  "importedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  -- the state
  "status" TEXT NOT NULL DEFAULT 'pending',
  "finalDecision" TEXT,
  "finalContentJson" TEXT,
  "finalizedAt" TIMESTAMP(3) WITH TIME ZONE,
  "decidedBy" TEXT,
  "triageRoute" TEXT,
  "triageAudit" BOOLEAN NOT NULL DEFAULT false,
  "triageVersion" INTEGER,
  "queueRank" INTEGER NOT NULL DEFAULT 0,
  "verdictCount" INTEGER NOT NULL DEFAULT 0,
  "disagreement" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "reasonFlags" INTEGER NOT NULL DEFAULT 0,
  "overrideFlags" INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY ("projectId", "artifactId"),
  FOREIGN KEY ("projectId", "artifactId") REFERENCES "Artifact" ("projectId", "id") ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE
);

INSERT INTO "ArtifactState" ("projectId", "artifactId", "kind", "flavor", "platform", "flags", "scoresPacked", "isGold", "importedAt",
  "status", "finalDecision", "finalContentJson", "finalizedAt", "decidedBy", "triageRoute", "triageAudit", "triageVersion", "queueRank",
  "verdictCount", "disagreement", "reasonFlags", "overrideFlags")
SELECT "projectId", "id", "kind", "flavor", "platform", "flags", "scoresPacked", "isGold", "importedAt",
  "status", "finalDecision", "finalContentJson", "finalizedAt", "decidedBy", "triageRoute", "triageAudit", "triageVersion", "queueRank",
  "verdictCount", "disagreement", "reasonFlags", "overrideFlags"
FROM "Artifact";

-- the claim's queue: in review before pending, then triage's rank, then import order
CREATE INDEX "ArtifactState_queue_idx" ON "ArtifactState" ("projectId", "status", "queueRank", "importedAt", "artifactId");
-- the items table: a status in id order, the state sorts, the overridden few
CREATE INDEX "ArtifactState_status_id_idx" ON "ArtifactState" ("projectId", "status", "artifactId");
CREATE INDEX "ArtifactState_sort_verdictCount_idx" ON "ArtifactState" ("projectId", "verdictCount" NULLS FIRST, "artifactId");
CREATE INDEX "ArtifactState_sort_disagreement_idx" ON "ArtifactState" ("projectId", "disagreement" NULLS FIRST, "artifactId");
CREATE INDEX "ArtifactState_sort_finalizedAt_idx" ON "ArtifactState" ("projectId", "finalizedAt" NULLS FIRST, "artifactId");
CREATE INDEX "ArtifactState_overridden_idx" ON "ArtifactState" ("projectId", "artifactId") WHERE "overrideFlags" <> 0;

-- the triggers that follow the state move with it
DROP TRIGGER "Artifact_tally_insert" ON "Artifact";
DROP TRIGGER "Artifact_tally_update" ON "Artifact";
DROP TRIGGER "Artifact_tally_delete" ON "Artifact";
DROP TRIGGER "Artifact_tally_truncate" ON "Artifact";
DROP TRIGGER "Artifact_note_finalized" ON "Artifact";
DROP TRIGGER "Artifact_finalized_listened" ON "Artifact";
DROP TRIGGER "Artifact_dispute_settled" ON "Artifact";

ALTER TABLE "Artifact"
  DROP COLUMN "status", DROP COLUMN "finalDecision", DROP COLUMN "finalContentJson", DROP COLUMN "finalizedAt", DROP COLUMN "decidedBy",
  DROP COLUMN "triageRoute", DROP COLUMN "triageAudit", DROP COLUMN "triageVersion", DROP COLUMN "queueRank",
  DROP COLUMN "verdictCount", DROP COLUMN "disagreement", DROP COLUMN "reasonFlags", DROP COLUMN "overrideFlags";

-- (the tally function reads the same column names from the state's rows)
CREATE TRIGGER "ArtifactState_tally_insert" AFTER INSERT ON "ArtifactState" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_artifacts();
CREATE TRIGGER "ArtifactState_tally_update" AFTER UPDATE ON "ArtifactState" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_artifacts();
CREATE TRIGGER "ArtifactState_tally_delete" AFTER DELETE ON "ArtifactState" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_artifacts();

CREATE OR REPLACE FUNCTION workbench_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ArtifactState' THEN
    DELETE FROM "ArtifactTally";
    UPDATE "DailyTally" SET "finalized" = 0 WHERE "finalized" <> 0;
  ELSE
    UPDATE "DailyTally" SET "verdicts" = 0 WHERE "verdicts" <> 0;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ArtifactState_tally_truncate" AFTER TRUNCATE ON "ArtifactState" FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_truncated();

CREATE OR REPLACE FUNCTION workbench_note_finalized() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "WebhookEndpoint" e WHERE e."projectId" = NEW."projectId" AND e."disabledAt" IS NULL AND 'artifact.finalized' = ANY (e."events")) THEN
    INSERT INTO "WebhookOutbox" ("projectId", "artifactId", "status") VALUES (NEW."projectId", NEW."artifactId", NEW."status");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ArtifactState_finalized_listened" BEFORE UPDATE OF "status" ON "ArtifactState" FOR EACH STATEMENT EXECUTE FUNCTION workbench_finalized_listened();
CREATE TRIGGER "ArtifactState_note_finalized" AFTER UPDATE OF "status" ON "ArtifactState" FOR EACH ROW
  WHEN (NEW."status" IN ('accepted', 'rejected') AND OLD."status" IS DISTINCT FROM NEW."status" AND current_setting('workbench.note_finalized', true) = 'on')
  EXECUTE FUNCTION workbench_note_finalized();

CREATE OR REPLACE FUNCTION workbench_dispute_settled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Dispute" WHERE "projectId" = OLD."projectId" AND "artifactId" = OLD."artifactId";
  RETURN NULL;
END $$;
CREATE TRIGGER "ArtifactState_dispute_settled" AFTER UPDATE OF "status" ON "ArtifactState" FOR EACH ROW
  WHEN (OLD."status" = 'disputed' AND NEW."status" <> 'disputed') EXECUTE FUNCTION workbench_dispute_settled();

-- the copies: an imported artifact starts pending and untriaged; a copied column that changes
-- (gold set, checks' flags filled in, a platform resolved) is copied
CREATE FUNCTION workbench_artifact_state_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ArtifactState" ("projectId", "artifactId", "kind", "flavor", "platform", "flags", "scoresPacked", "isGold", "importedAt")
  SELECT n."projectId", n."id", n."kind", n."flavor", n."platform", n."flags", n."scoresPacked", n."isGold", n."importedAt" FROM new_rows n;
  RETURN NULL;
END $$;
CREATE TRIGGER "Artifact_state_added" AFTER INSERT ON "Artifact" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_artifact_state_added();

CREATE FUNCTION workbench_artifact_state_copied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ArtifactState" s SET "kind" = n."kind", "flavor" = n."flavor", "platform" = n."platform", "flags" = n."flags", "scoresPacked" = n."scoresPacked",
    "isGold" = n."isGold", "importedAt" = n."importedAt"
  FROM new_rows n
  WHERE s."projectId" = n."projectId" AND s."artifactId" = n."id"
    AND (s."kind", s."flavor", s."platform", s."flags", s."scoresPacked", s."isGold", s."importedAt")
        IS DISTINCT FROM (n."kind", n."flavor", n."platform", n."flags", n."scoresPacked", n."isGold", n."importedAt");
  RETURN NULL;
END $$;
CREATE TRIGGER "Artifact_state_copied" AFTER UPDATE ON "Artifact" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_artifact_state_copied();

-- the claim (026's) walks the state's queue
CREATE OR REPLACE FUNCTION workbench_claim(p_project integer, p_account integer, p_now timestamptz, p_gold_draw float8, p_first text[])
RETURNS TABLE ("projectFound" boolean, "artifactId" text, "leaseId" integer, "expiresAt" timestamptz, "resumed" boolean, "gold" boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_overlap integer;
  v_lease_minutes integer;
  v_gold_rate float8;
  v_found text;
  v_artifact text;
  v_gold boolean := false;
  v_room boolean;
  v_passed text[] := '{}';
  v_status text;
  v_with_skipped boolean;
  v_has_skips boolean;
  v_first boolean;
  v_expires timestamptz;
  v_lease integer;
BEGIN
  SELECT p."overlap", p."leaseMinutes", p."goldRate" INTO v_overlap, v_lease_minutes, v_gold_rate FROM "Project" p WHERE p."id" = p_project AND p."archivedAt" IS NULL;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, NULL::text, NULL::integer, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  -- the annotator's own row serializes their claims: two tabs asking at once get one lease
  PERFORM 1 FROM "Account" WHERE "id" = p_account FOR UPDATE;

  RETURN QUERY
    SELECT true, l."artifactId", l."id", l."expiresAt", true, a."isGold"
    FROM "Lease" l JOIN "ArtifactState" a ON a."projectId" = l."projectId" AND a."artifactId" = l."artifactId"
    WHERE l."accountId" = p_account AND l."projectId" = p_project AND l."releasedAt" IS NULL AND l."expiresAt" > p_now
    ORDER BY l."id" DESC LIMIT 1;
  IF FOUND THEN RETURN; END IF;

  -- gold artifacts are measured against their known answer, so every annotator may get each once
  IF v_gold_rate > 0 AND p_gold_draw < v_gold_rate THEN
    SELECT a."artifactId" INTO v_artifact FROM "ArtifactState" a
    WHERE a."projectId" = p_project AND a."isGold"
      AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."artifactId" AND v."accountId" = p_account)
      AND NOT EXISTS (SELECT 1 FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."artifactId" AND l."accountId" = p_account
                      AND (l."outcome" = 'skip' OR (l."releasedAt" IS NULL AND l."expiresAt" > p_now)))
    ORDER BY a."importedAt", a."artifactId"
    LIMIT 1 FOR UPDATE SKIP LOCKED;
    v_gold := v_artifact IS NOT NULL;
  END IF;

  -- otherwise the queue: in review before pending, skipped artifacts only when nothing else is left
  -- (a pass an annotator who never skipped in the project does without)
  IF v_artifact IS NULL THEN
    v_has_skips := EXISTS (SELECT 1 FROM "Lease" s WHERE s."accountId" = p_account AND s."projectId" = p_project AND s."outcome" = 'skip');
    <<search>>
    FOREACH v_first IN ARRAY (CASE WHEN cardinality(p_first) > 0 THEN ARRAY[true, false] ELSE ARRAY[false] END) LOOP
    FOREACH v_with_skipped IN ARRAY (CASE WHEN v_has_skips THEN ARRAY[false, true] ELSE ARRAY[false] END) LOOP
      FOREACH v_status IN ARRAY ARRAY['in_review', 'pending'] LOOP
        LOOP
          IF v_with_skipped THEN
            SELECT a."artifactId" INTO v_found FROM "ArtifactState" a
            WHERE a."projectId" = p_project AND a."status" = v_status AND NOT a."isGold" AND a."artifactId" <> ALL (v_passed)
              AND (NOT v_first OR (CASE WHEN a."kind" = 'social_qa' THEN 'social_qa:' || COALESCE(a."flavor", 'general') ELSE a."kind" END) = ANY (p_first))
              AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."artifactId" AND v."accountId" = p_account)
              AND a."verdictCount" + (SELECT COUNT(*) FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."artifactId"
                                      AND l."releasedAt" IS NULL AND l."expiresAt" > p_now) < v_overlap
            ORDER BY a."queueRank", a."importedAt", a."artifactId"
            LIMIT 1 FOR UPDATE SKIP LOCKED;
          ELSE
            SELECT a."artifactId" INTO v_found FROM "ArtifactState" a
            WHERE a."projectId" = p_project AND a."status" = v_status AND NOT a."isGold" AND a."artifactId" <> ALL (v_passed)
              AND (NOT v_first OR (CASE WHEN a."kind" = 'social_qa' THEN 'social_qa:' || COALESCE(a."flavor", 'general') ELSE a."kind" END) = ANY (p_first))
              AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."artifactId" AND v."accountId" = p_account)
              AND NOT EXISTS (SELECT 1 FROM "Lease" s WHERE s."projectId" = a."projectId" AND s."artifactId" = a."artifactId" AND s."accountId" = p_account AND s."outcome" = 'skip')
              AND a."verdictCount" + (SELECT COUNT(*) FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."artifactId"
                                      AND l."releasedAt" IS NULL AND l."expiresAt" > p_now) < v_overlap
            ORDER BY a."queueRank", a."importedAt", a."artifactId"
            LIMIT 1 FOR UPDATE SKIP LOCKED;
          END IF;
          EXIT WHEN NOT FOUND;
          -- counted again now that the row is locked: a lease committed after the search began is visible
          SELECT a."verdictCount" + (SELECT COUNT(*) FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."artifactId"
                                     AND l."releasedAt" IS NULL AND l."expiresAt" > p_now) < v_overlap
            INTO v_room FROM "ArtifactState" a WHERE a."projectId" = p_project AND a."artifactId" = v_found;
          IF v_room THEN
            v_artifact := v_found;
            EXIT search;
          END IF;
          v_passed := v_passed || v_found; -- filled up meanwhile by other claimers
        END LOOP;
      END LOOP;
    END LOOP;
    END LOOP;
  END IF;

  IF v_artifact IS NULL THEN
    RETURN QUERY SELECT true, NULL::text, NULL::integer, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  v_expires := p_now + make_interval(mins => v_lease_minutes);
  INSERT INTO "Lease" ("projectId", "artifactId", "accountId", "createdAt", "expiresAt") VALUES (p_project, v_artifact, p_account, p_now, v_expires) RETURNING "id" INTO v_lease;
  RETURN QUERY SELECT true, v_artifact, v_lease, v_expires, false, v_gold;
END $$;

-- a verdict's context (012's): the state row is the one locked
CREATE OR REPLACE FUNCTION workbench_verdict_context(p_project integer, p_artifact text, p_account integer)
RETURNS TABLE ("kind" text, "content" text, "verdictCount" integer, "status" text, "flags" integer, "decidedBy" text, "finalDecision" text, "overlap" integer,
               "events" json, "lease" json, "adjudication" json)
LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  SELECT s."kind", a."contentJson", s."verdictCount", s."status", s."flags", s."decidedBy", s."finalDecision", p."overlap" INTO t
  FROM "ArtifactState" s JOIN "Artifact" a ON a."projectId" = s."projectId" AND a."id" = s."artifactId" JOIN "Project" p ON p."id" = s."projectId"
  WHERE s."projectId" = p_project AND s."artifactId" = p_artifact
  FOR UPDATE OF s;
  IF NOT FOUND THEN RETURN; END IF;
  RETURN QUERY SELECT t."kind", t."contentJson", t."verdictCount", t."status", t."flags", t."decidedBy", t."finalDecision", t."overlap",
    (SELECT COALESCE(json_agg(json_build_object('accountId', v."accountId", 'decision', v."decision", 'contentJson', v."contentJson", 'reasonsJson', v."reasonsJson",
                                                'overrideFlags', v."overrideFlags", 'createdAt', v."createdAt") ORDER BY v."createdAt", v."id"), '[]'::json)
     FROM "VerdictEvent" v WHERE v."projectId" = p_project AND v."artifactId" = p_artifact),
    (SELECT json_build_object('id', l."id", 'expiresAt', l."expiresAt", 'releasedAt', l."releasedAt") FROM "Lease" l
     WHERE l."projectId" = p_project AND l."artifactId" = p_artifact AND l."accountId" = p_account ORDER BY l."id" DESC LIMIT 1),
    (SELECT json_build_object('decision', j."decision", 'contentJson', j."contentJson", 'reasons', j."reasonsJson"::json) FROM "Adjudication" j
     WHERE j."projectId" = p_project AND j."artifactId" = p_artifact ORDER BY j."id" DESC LIMIT 1);
END $$;

-- disputed artifacts without a row (024's)
CREATE OR REPLACE FUNCTION workbench_fill_disputes() RETURNS bigint LANGUAGE sql AS $$
  WITH filled AS (
    INSERT INTO "Dispute" ("projectId", "artifactId", "accepts", "edits", "rejects", "importedAt")
    SELECT a."projectId", a."artifactId",
           COUNT(*) FILTER (WHERE l."decision" = 'accept'), COUNT(*) FILTER (WHERE l."decision" = 'edit'), COUNT(*) FILTER (WHERE l."decision" = 'reject'), a."importedAt"
    FROM "ArtifactState" a
    LEFT JOIN LATERAL (
      SELECT DISTINCT ON (v."accountId") v."decision" FROM "VerdictEvent" v
      WHERE v."projectId" = a."projectId" AND v."artifactId" = a."artifactId" ORDER BY v."accountId", v."createdAt" DESC, v."id" DESC
    ) l ON TRUE
    WHERE a."status" = 'disputed' AND NOT EXISTS (SELECT 1 FROM "Dispute" d WHERE d."projectId" = a."projectId" AND d."artifactId" = a."artifactId")
    GROUP BY a."projectId", a."artifactId", a."importedAt"
    RETURNING 1
  )
  SELECT COUNT(*) FROM filled
$$;

ANALYZE "ArtifactState";

-- Down Migration
-- (the state goes back into "Artifact"; the functions keep 027's shape and are replaced by running
-- the earlier migrations' definitions again if needed)
ALTER TABLE "Artifact"
  ADD COLUMN "status" TEXT NOT NULL DEFAULT 'pending', ADD COLUMN "finalDecision" TEXT, ADD COLUMN "finalContentJson" TEXT,
  ADD COLUMN "finalizedAt" TIMESTAMP(3) WITH TIME ZONE, ADD COLUMN "decidedBy" TEXT, ADD COLUMN "triageRoute" TEXT,
  ADD COLUMN "triageAudit" BOOLEAN NOT NULL DEFAULT false, ADD COLUMN "triageVersion" INTEGER, ADD COLUMN "queueRank" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "verdictCount" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "disagreement" DOUBLE PRECISION NOT NULL DEFAULT 0,
  ADD COLUMN "reasonFlags" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "overrideFlags" INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER "Artifact_state_copied" ON "Artifact";
DROP TRIGGER "Artifact_state_added" ON "Artifact";
UPDATE "Artifact" a SET "status" = s."status", "finalDecision" = s."finalDecision", "finalContentJson" = s."finalContentJson", "finalizedAt" = s."finalizedAt",
  "decidedBy" = s."decidedBy", "triageRoute" = s."triageRoute", "triageAudit" = s."triageAudit", "triageVersion" = s."triageVersion", "queueRank" = s."queueRank",
  "verdictCount" = s."verdictCount", "disagreement" = s."disagreement", "reasonFlags" = s."reasonFlags", "overrideFlags" = s."overrideFlags"
FROM "ArtifactState" s WHERE s."projectId" = a."projectId" AND s."artifactId" = a."id";
DROP TABLE "ArtifactState";
DROP FUNCTION workbench_artifact_state_copied();
DROP FUNCTION workbench_artifact_state_added();
