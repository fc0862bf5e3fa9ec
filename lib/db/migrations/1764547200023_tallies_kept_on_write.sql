-- Up Migration
-- What the project cards, the dashboard, the triage outcome and the items table's count show is
-- counted on write, in the same transaction as the change it counts, never by a page scanning a
-- project's artifacts or verdicts. Statement triggers with transition tables fold each statement's
-- rows into a handful of deltas, so a verdict adds one or two small upserts and a million-row
-- triage or import a few hundred.
--
-- A counter every verdict of a project moved would be one hot row that serialises the verdicts.
-- Each key is spread over slots instead, and a page sums them: a transaction counts in a slot no
-- other open transaction holds (an advisory lock per slot, taken until it ends), so two verdicts
-- never wait for each other's counts, however long one stays open; only with every slot held does
-- one wait, in its backend's own. A statement of few rows takes one of slots 0-15; a bulk statement
-- (more than 1,000 rows, or a transaction that says `SET LOCAL workbench.bulk = 'on'`, as imports
-- do) one of -1 to -4, which no verdict uses. Each statement writes its deltas in key order, and a
-- verdict's event counts in rows of their own (below), so two reviewers' statements never take the
-- same rows in opposite orders.
-- the counts below are taken with no write in between
LOCK TABLE "Artifact", "VerdictEvent" IN SHARE ROW EXCLUSIVE MODE;

-- The slot a statement of p_rows rows counts in: artifacts' in 0-15 (bulk -1 to -4), verdicts' in
-- 16-31 (bulk -5 to -8).
CREATE FUNCTION workbench_tally_slot(p_rows BIGINT, p_verdicts BOOLEAN) RETURNS SMALLINT LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_bulk CONSTANT BOOLEAN := p_rows > 1000 OR current_setting('workbench.bulk', true) = 'on';
  v_slots CONSTANT INTEGER := CASE WHEN v_bulk THEN 4 ELSE 16 END;
  -- slot number i of the group is v_first + v_step * i
  v_first CONSTANT INTEGER := CASE WHEN v_bulk THEN (CASE WHEN p_verdicts THEN -5 ELSE -1 END) ELSE (CASE WHEN p_verdicts THEN 16 ELSE 0 END) END;
  v_step CONSTANT INTEGER := CASE WHEN v_bulk THEN -1 ELSE 1 END;
  v_own CONSTANT INTEGER := pg_backend_pid() % v_slots;
BEGIN
  FOR i IN 0 .. v_slots - 1 LOOP
    IF pg_try_advisory_xact_lock(hashtext('workbench.tally'), v_first + v_step * ((v_own + i) % v_slots)) THEN
      RETURN v_first + v_step * ((v_own + i) % v_slots);
    END IF;
  END LOOP;
  PERFORM pg_advisory_xact_lock(hashtext('workbench.tally'), v_first + v_step * v_own);
  RETURN v_first + v_step * v_own;
END $$;

-- Artifacts by everything a page counts them by. NULLs are kept as '' so that the key is unique.
CREATE TABLE "ArtifactTally" (
  "projectId" INTEGER NOT NULL REFERENCES "Project" ("id") ON DELETE CASCADE,
  "kind" TEXT NOT NULL,
  "platform" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "decidedBy" TEXT NOT NULL,
  "triageRoute" TEXT NOT NULL,
  "triageAudit" BOOLEAN NOT NULL,
  "flagged" BOOLEAN NOT NULL,
  "overridden" BOOLEAN NOT NULL,
  "gold" BOOLEAN NOT NULL,
  "slot" SMALLINT NOT NULL,
  "n" BIGINT NOT NULL,
  PRIMARY KEY ("projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", "slot")
);

-- Per UTC day: verdicts given (retractions aside) and artifacts finalized that day (as they stand).
CREATE TABLE "DailyTally" (
  "projectId" INTEGER NOT NULL REFERENCES "Project" ("id") ON DELETE CASCADE,
  "day" DATE NOT NULL,
  "slot" SMALLINT NOT NULL,
  "verdicts" BIGINT NOT NULL DEFAULT 0,
  "finalized" BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY ("projectId", "day", "slot")
);

-- The artifact trigger: one statement's rows, +1 for the rows it wrote and -1 for the rows it
-- replaced or removed, folded by key into both tallies. A project being deleted takes its tallies
-- with it: its rows are skipped. The key is written once, here, and the function is generated from
-- it with one branch per operation (a branch can only name the transition tables its operation has).
DO $migration$
DECLARE
  v_key CONSTANT TEXT := $k$r."projectId", r."kind", r."platform", r."status", COALESCE(r."decidedBy", ''), COALESCE(r."triageRoute", ''), r."triageAudit",
    COALESCE(r."flags", 0) <> 0, r."overrideFlags" <> 0, r."isGold", (r."finalizedAt" AT TIME ZONE 'UTC')::date$k$;
  v_fold CONSTANT TEXT := $f$
    WITH changed ("projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", "finalizedDay", "d") AS (%s),
    folded AS MATERIALIZED (
      SELECT c.*, v_slot AS "slot" FROM (
        SELECT "projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", "finalizedDay", SUM("d") AS "d"
        FROM changed GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 HAVING SUM("d") <> 0) c
      WHERE EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = c."projectId")
    ), artifacts AS (
      INSERT INTO "ArtifactTally" AS t ("projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", "slot", "n")
      SELECT "projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", "slot", SUM("d") FROM folded
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 HAVING SUM("d") <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
      ON CONFLICT ("projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", "slot") DO UPDATE SET "n" = t."n" + EXCLUDED."n"
    )
    INSERT INTO "DailyTally" AS t ("projectId", "day", "slot", "finalized")
    SELECT "projectId", "finalizedDay", "slot", SUM("d") FROM folded WHERE "finalizedDay" IS NOT NULL
    GROUP BY 1, 2, 3 HAVING SUM("d") <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("projectId", "day", "slot") DO UPDATE SET "finalized" = t."finalized" + EXCLUDED."finalized";$f$;
BEGIN
  EXECUTE format($fn$
    CREATE FUNCTION workbench_tally_artifacts() RETURNS trigger LANGUAGE plpgsql AS $body$
    DECLARE
      v_rows BIGINT;
      v_slot SMALLINT;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO v_rows FROM new_rows;
        IF v_rows > 0 THEN v_slot := workbench_tally_slot(v_rows, false); %s END IF;
      ELSIF TG_OP = 'UPDATE' THEN
        SELECT count(*) INTO v_rows FROM new_rows;
        IF v_rows > 0 THEN v_slot := workbench_tally_slot(v_rows, false); %s END IF;
      ELSE
        SELECT count(*) INTO v_rows FROM old_rows;
        IF v_rows > 0 THEN v_slot := workbench_tally_slot(v_rows, false); %s END IF;
      END IF;
      RETURN NULL;
    END $body$;$fn$,
    format(v_fold, format('SELECT %s, 1 FROM new_rows r', v_key)),
    format(v_fold, format('SELECT %s, 1 FROM new_rows r UNION ALL SELECT %s, -1 FROM old_rows r', v_key, v_key)),
    format(v_fold, format('SELECT %s, -1 FROM old_rows r', v_key)));

  -- what is already there, counted once, in slot 0
  EXECUTE format($b$
    INSERT INTO "ArtifactTally" ("projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", "slot", "n")
    SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, 0, COUNT(*) FROM (SELECT %s FROM "Artifact" r) k (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10$b$, v_key);
END $migration$;

CREATE TRIGGER "Artifact_tally_insert" AFTER INSERT ON "Artifact" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_artifacts();
CREATE TRIGGER "Artifact_tally_update" AFTER UPDATE ON "Artifact" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_artifacts();
CREATE TRIGGER "Artifact_tally_delete" AFTER DELETE ON "Artifact" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_artifacts();

-- Verdicts per day. The feed is append-only (every update and delete is refused), so only inserts
-- count. They count in slots of their own (16-31, bulk -5 to -8): a verdict's statement writes its
-- event before its artifact's state, so sharing the artifact trigger's DailyTally rows would take
-- them in the opposite order to an adjudication's or an undo's, and two could deadlock.
CREATE FUNCTION workbench_tally_verdicts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_rows BIGINT;
  v_slot SMALLINT;
BEGIN
  SELECT count(*) INTO v_rows FROM new_rows;
  IF v_rows = 0 THEN RETURN NULL; END IF;
  v_slot := workbench_tally_slot(v_rows, true);
  INSERT INTO "DailyTally" AS t ("projectId", "day", "slot", "verdicts")
  SELECT r."projectId", (r."createdAt" AT TIME ZONE 'UTC')::date, v_slot, COUNT(*) FROM new_rows r
  WHERE r."decision" <> 'retract' GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("projectId", "day", "slot") DO UPDATE SET "verdicts" = t."verdicts" + EXCLUDED."verdicts";
  RETURN NULL;
END $$;

CREATE TRIGGER "VerdictEvent_tally_insert" AFTER INSERT ON "VerdictEvent" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_verdicts();

-- A table emptied at once takes its counts with it.
CREATE FUNCTION workbench_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Artifact' THEN
    DELETE FROM "ArtifactTally";
    UPDATE "DailyTally" SET "finalized" = 0 WHERE "finalized" <> 0;
  ELSE
    UPDATE "DailyTally" SET "verdicts" = 0 WHERE "verdicts" <> 0;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Artifact_tally_truncate" AFTER TRUNCATE ON "Artifact" FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_truncated();
CREATE TRIGGER "VerdictEvent_tally_truncate" AFTER TRUNCATE ON "VerdictEvent" FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_truncated();

-- The days already there, counted once, in slot 0.
INSERT INTO "DailyTally" ("projectId", "day", "slot", "finalized", "verdicts")
SELECT "projectId", "day", 0, SUM("finalized"), SUM("verdicts") FROM (
  SELECT "projectId", ("finalizedAt" AT TIME ZONE 'UTC')::date AS "day", COUNT(*) AS "finalized", 0 AS "verdicts" FROM "Artifact" WHERE "finalizedAt" IS NOT NULL GROUP BY 1, 2
  UNION ALL
  SELECT "projectId", ("createdAt" AT TIME ZONE 'UTC')::date, 0, COUNT(*) FROM "VerdictEvent" WHERE "decision" <> 'retract' GROUP BY 1, 2
) d GROUP BY 1, 2;

-- Down Migration
DROP TRIGGER "VerdictEvent_tally_truncate" ON "VerdictEvent";
DROP TRIGGER "Artifact_tally_truncate" ON "Artifact";
DROP FUNCTION workbench_tally_truncated();
DROP TRIGGER "VerdictEvent_tally_insert" ON "VerdictEvent";
DROP FUNCTION workbench_tally_verdicts();
DROP TRIGGER "Artifact_tally_delete" ON "Artifact";
DROP TRIGGER "Artifact_tally_update" ON "Artifact";
DROP TRIGGER "Artifact_tally_insert" ON "Artifact";
DROP FUNCTION workbench_tally_artifacts();
DROP TABLE "DailyTally";
DROP TABLE "ArtifactTally";
DROP FUNCTION workbench_tally_slot(BIGINT, BOOLEAN);
