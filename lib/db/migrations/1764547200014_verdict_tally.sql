-- Up Migration
-- What each annotator has done, kept as it happens: the review screen shows "done today" and "in
-- total" on every step, and counting an annotator's 50,000 verdict events each time took 0.7 s.
-- A verdict counts until it is taken back (a retraction subtracts the verdict it supersedes). Rows
-- are 15-minute buckets (every time zone's midnight falls on one, so "today" in the reader's zone is
-- exact), plus one row per annotator at '-infinity' that holds the all-time total. Buckets are binned
-- from a fixed UTC origin, so they do not depend on the session's time zone.
CREATE TABLE "VerdictTally" (
    "projectId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ NOT NULL,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "edited" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "VerdictTally_pkey" PRIMARY KEY ("projectId", "accountId", "bucket"),
    CONSTRAINT "VerdictTally_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VerdictTally_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE FUNCTION workbench_tally_bucket(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT date_bin('15 minutes', at, TIMESTAMPTZ '2000-01-01 00:00:00+00')
$$;

-- the deltas of a set of verdict events: +1 for each verdict, -1 for each verdict a retraction takes back
CREATE FUNCTION workbench_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "VerdictTally" AS t ("projectId", "accountId", "bucket", "accepted", "edited", "rejected")
  SELECT d."projectId", d."accountId", b."bucket",
         COALESCE(SUM(d."delta") FILTER (WHERE d."decision" = 'accept'), 0), COALESCE(SUM(d."delta") FILTER (WHERE d."decision" = 'edit'), 0),
         COALESCE(SUM(d."delta") FILTER (WHERE d."decision" = 'reject'), 0)
  FROM (
    SELECT n."projectId", n."accountId", n."decision", n."createdAt", 1 AS "delta" FROM new_rows n WHERE n."decision" <> 'retract'
    UNION ALL
    SELECT s."projectId", s."accountId", s."decision", s."createdAt", -1 FROM new_rows n JOIN "VerdictEvent" s ON s."id" = n."supersedesId"
    WHERE n."decision" = 'retract' AND s."decision" <> 'retract'
  ) d
  CROSS JOIN LATERAL (VALUES (workbench_tally_bucket(d."createdAt")), ('-infinity'::timestamptz)) b("bucket")
  GROUP BY 1, 2, 3
  ON CONFLICT ("projectId", "accountId", "bucket") DO UPDATE
    SET "accepted" = t."accepted" + EXCLUDED."accepted", "edited" = t."edited" + EXCLUDED."edited", "rejected" = t."rejected" + EXCLUDED."rejected";
  RETURN NULL;
END $$;

CREATE TRIGGER "VerdictEvent_tally" AFTER INSERT ON "VerdictEvent" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbench_tally_add();

-- the verdicts already there: every verdict that no retraction took back
INSERT INTO "VerdictTally" ("projectId", "accountId", "bucket", "accepted", "edited", "rejected")
SELECT v."projectId", v."accountId", b."bucket", COUNT(*) FILTER (WHERE v."decision" = 'accept'), COUNT(*) FILTER (WHERE v."decision" = 'edit'), COUNT(*) FILTER (WHERE v."decision" = 'reject')
FROM "VerdictEvent" v
CROSS JOIN LATERAL (VALUES (workbench_tally_bucket(v."createdAt")), ('-infinity'::timestamptz)) b("bucket")
WHERE v."decision" <> 'retract' AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" r WHERE r."supersedesId" = v."id" AND r."decision" = 'retract')
GROUP BY 1, 2, 3;

-- Down Migration
DROP TRIGGER "VerdictEvent_tally" ON "VerdictEvent";
DROP FUNCTION workbench_tally_add();
DROP FUNCTION workbench_tally_bucket(timestamptz);
DROP TABLE "VerdictTally";
