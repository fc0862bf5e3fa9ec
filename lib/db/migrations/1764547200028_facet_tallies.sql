-- Up Migration
-- The items table's count of a filter on a flavor, on flags, on reasons or on judge scores, read
-- from counts kept on write like migration 023's, instead of counting the matching rows: at 10M a
-- rare combination (a flag among accepted artifacts) took 4.3 s to count, as the count walked the
-- rows that pass one part of the filter to find the few that pass all of it.
--
-- An artifact counts once per facet it has: its flavor, its flags (the bits as one value), the
-- reasons its verdicts gave (likewise) and its judge scores (overall and lowest, as 'overall:lowest';
-- 'none' unjudged; 'off' when a score is off the 1-10 scale, whose value the state row does not
-- keep), each beside what migration 023's tally counts the plain filters by (kind, platform,
-- status, gold, overridden). So a filter on one facet, with any plain filters, is a sum of these
-- rows; two facets at once are not (lib/domain/items-count.ts says which filters a sum answers).
-- The rows count in the same slots as migration 023's, for the same reason: verdicts in parallel.
LOCK TABLE "ArtifactState" IN SHARE ROW EXCLUSIVE MODE;

-- Judge scores as the facet's value, from the state's packed scores (four bits per metric in
-- JUDGE_METRICS order, overall last; 0 not scored, 15 off the scale): equal to the artifact's
-- "judgeOverall" and "judgeMin" whenever no score is off the scale.
CREATE FUNCTION workbench_score_facet(p BIGINT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN p IS NULL THEN 'none'
    WHEN 15 IN (p & 15, (p >> 4) & 15, (p >> 8) & 15, (p >> 12) & 15, (p >> 16) & 15, (p >> 20) & 15, (p >> 24) & 15, (p >> 28) & 15, (p >> 32) & 15, (p >> 36) & 15) THEN 'off'
    ELSE COALESCE(NULLIF((p >> 36) & 15, 0)::text, '') || ':' || COALESCE(LEAST(NULLIF(p & 15, 0), NULLIF((p >> 4) & 15, 0), NULLIF((p >> 8) & 15, 0), NULLIF((p >> 12) & 15, 0),
      NULLIF((p >> 16) & 15, 0), NULLIF((p >> 20) & 15, 0), NULLIF((p >> 24) & 15, 0), NULLIF((p >> 28) & 15, 0), NULLIF((p >> 32) & 15, 0), NULLIF((p >> 36) & 15, 0))::text, '')
  END
$$;

CREATE TABLE "FacetTally" (
  "projectId" INTEGER NOT NULL REFERENCES "Project" ("id") ON DELETE CASCADE,
  "kind" TEXT NOT NULL,
  "platform" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "gold" BOOLEAN NOT NULL,
  "overridden" BOOLEAN NOT NULL,
  -- 'flavor', 'flags', 'reasons' or 'scores'
  "facet" TEXT NOT NULL,
  "value" TEXT NOT NULL,
  "slot" SMALLINT NOT NULL,
  "n" BIGINT NOT NULL,
  PRIMARY KEY ("projectId", "facet", "value", "kind", "platform", "status", "gold", "overridden", "slot")
);

-- One state row's facets, as ("facet", "value") rows: the flavor, flags and reasons only when set.
CREATE FUNCTION workbench_facets(p_flavor TEXT, p_flags INTEGER, p_reasons INTEGER, p_scores BIGINT, OUT "facet" TEXT, OUT "value" TEXT) RETURNS SETOF record
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT f."facet", f."value" FROM (VALUES ('flavor', p_flavor), ('flags', NULLIF(COALESCE(p_flags, 0), 0)::text), ('reasons', NULLIF(p_reasons, 0)::text),
    ('scores', workbench_score_facet(p_scores))) f ("facet", "value")
  WHERE f."value" IS NOT NULL
$$;

-- A bulk transaction (an import: `workbench.bulk`, migration 023) writes its rows a chunk at a time,
-- each chunk a statement. Folded into the tally statement by statement, every chunk would update
-- the same few thousand rows again, and within one transaction each update adds a version the
-- next one walks past: the 10M-artifact import took 4,602 s so, against 3,858 s without it. Its
-- deltas go to a table of its own instead, folded into the tally once, at its commit, by a
-- deferred trigger on a marker row.
CREATE FUNCTION workbench_facet_deltas_open() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.workbench_facet_delta') IS NULL THEN
    CREATE TEMPORARY TABLE workbench_facet_delta ("projectId" INTEGER, "kind" TEXT, "platform" TEXT, "status" TEXT, "gold" BOOLEAN, "overridden" BOOLEAN,
      "facet" TEXT, "value" TEXT, "d" BIGINT) ON COMMIT DROP;
    CREATE TEMPORARY TABLE workbench_facet_fold ("marker" INTEGER) ON COMMIT DROP;
    CREATE CONSTRAINT TRIGGER workbench_facet_fold AFTER INSERT ON pg_temp.workbench_facet_fold DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION workbench_facet_deltas_fold();
    INSERT INTO pg_temp.workbench_facet_fold VALUES (1);
  END IF;
END $$;

DO $migration$
DECLARE
  v_rows CONSTANT TEXT := $k$SELECT r."projectId", r."kind", r."platform", r."status", r."isGold", r."overrideFlags" <> 0, f."facet", f."value", %s
    FROM %s r CROSS JOIN LATERAL workbench_facets(r."flavor", r."flags", r."reasonFlags", r."scoresPacked") f$k$;
  -- the fold into the tally: %1$s the slot, %2$s the rows
  v_fold CONSTANT TEXT := $f$
    INSERT INTO "FacetTally" AS t ("projectId", "kind", "platform", "status", "gold", "overridden", "facet", "value", "slot", "n")
    SELECT c."projectId", c."kind", c."platform", c."status", c."gold", c."overridden", c."facet", c."value", %1$s, SUM(c."d")
    FROM (%2$s) c ("projectId", "kind", "platform", "status", "gold", "overridden", "facet", "value", "d")
    WHERE EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = c."projectId")
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING SUM(c."d") <> 0 ORDER BY 1, 7, 8, 2, 3, 4, 5, 6
    ON CONFLICT ("projectId", "facet", "value", "kind", "platform", "status", "gold", "overridden", "slot") DO UPDATE SET "n" = t."n" + EXCLUDED."n";$f$;
  -- (run with EXECUTE: the table is new in each transaction)
  v_delta CONSTANT TEXT := $d$
    INSERT INTO pg_temp.workbench_facet_delta ("projectId", "kind", "platform", "status", "gold", "overridden", "facet", "value", "d")
    SELECT c."projectId", c."kind", c."platform", c."status", c."gold", c."overridden", c."facet", c."value", SUM(c."d")
    FROM (%s) c ("projectId", "kind", "platform", "status", "gold", "overridden", "facet", "value", "d")
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING SUM(c."d") <> 0$d$;
  v_branch CONSTANT TEXT := $b$
        IF current_setting('workbench.bulk', true) = 'on' THEN
          PERFORM workbench_facet_deltas_open();
          EXECUTE %L;
        ELSE
          v_slot := workbench_tally_slot(v_rows, false); %s
        END IF;$b$;
  v_ins CONSTANT TEXT := format(v_rows, '1', 'new_rows');
  v_upd CONSTANT TEXT := format(v_rows, '1', 'new_rows') || ' UNION ALL ' || format(v_rows, '-1', 'old_rows');
  v_del CONSTANT TEXT := format(v_rows, '-1', 'old_rows');
BEGIN
  -- a bulk transaction's deltas, folded at its commit (the table is new in each transaction: EXECUTE)
  EXECUTE format($fn$
    CREATE FUNCTION workbench_facet_deltas_fold() RETURNS trigger LANGUAGE plpgsql AS $body$
    BEGIN
      EXECUTE %L USING workbench_tally_slot(1001, false);
      EXECUTE 'DELETE FROM pg_temp.workbench_facet_delta';
      RETURN NULL;
    END $body$;$fn$,
    format(v_fold, '$1', 'SELECT "projectId", "kind", "platform", "status", "gold", "overridden", "facet", "value", "d" FROM pg_temp.workbench_facet_delta'));

  EXECUTE format($fn$
    CREATE FUNCTION workbench_tally_facets() RETURNS trigger LANGUAGE plpgsql AS $body$
    DECLARE
      v_rows BIGINT;
      v_slot SMALLINT;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO v_rows FROM new_rows;
        IF v_rows > 0 THEN %s END IF;
      ELSIF TG_OP = 'UPDATE' THEN
        SELECT count(*) INTO v_rows FROM new_rows;
        IF v_rows > 0 THEN %s END IF;
      ELSE
        SELECT count(*) INTO v_rows FROM old_rows;
        IF v_rows > 0 THEN %s END IF;
      END IF;
      RETURN NULL;
    END $body$;$fn$,
    format(v_branch, format(v_delta, v_ins), format(v_fold, 'v_slot', v_ins)),
    format(v_branch, format(v_delta, v_upd), format(v_fold, 'v_slot', v_upd)),
    format(v_branch, format(v_delta, v_del), format(v_fold, 'v_slot', v_del)));
END $migration$;

CREATE TRIGGER "ArtifactState_facets_insert" AFTER INSERT ON "ArtifactState" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_facets();
CREATE TRIGGER "ArtifactState_facets_update" AFTER UPDATE ON "ArtifactState" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_facets();
CREATE TRIGGER "ArtifactState_facets_delete" AFTER DELETE ON "ArtifactState" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_facets();

CREATE OR REPLACE FUNCTION workbench_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ArtifactState' THEN
    DELETE FROM "ArtifactTally";
    DELETE FROM "FacetTally";
    UPDATE "DailyTally" SET "finalized" = 0 WHERE "finalized" <> 0;
  ELSE
    UPDATE "DailyTally" SET "verdicts" = 0 WHERE "verdicts" <> 0;
  END IF;
  RETURN NULL;
END $$;

-- what is already there, counted once, in slot 0
INSERT INTO "FacetTally" ("projectId", "kind", "platform", "status", "gold", "overridden", "facet", "value", "slot", "n")
SELECT r."projectId", r."kind", r."platform", r."status", r."isGold", r."overrideFlags" <> 0, f."facet", f."value", 0, COUNT(*)
FROM "ArtifactState" r CROSS JOIN LATERAL workbench_facets(r."flavor", r."flags", r."reasonFlags", r."scoresPacked") f
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- Down Migration
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
DROP TRIGGER "ArtifactState_facets_delete" ON "ArtifactState";
DROP TRIGGER "ArtifactState_facets_update" ON "ArtifactState";
DROP TRIGGER "ArtifactState_facets_insert" ON "ArtifactState";
DROP FUNCTION workbench_tally_facets();
DROP FUNCTION workbench_facet_deltas_open();
DROP FUNCTION workbench_facet_deltas_fold();
DROP FUNCTION workbench_facets(TEXT, INTEGER, INTEGER, BIGINT);
DROP TABLE "FacetTally";
DROP FUNCTION workbench_score_facet(BIGINT);
