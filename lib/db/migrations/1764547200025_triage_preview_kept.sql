-- Up Migration
-- What triage would do with the current rules depends on the rules and on every artifact's scores
-- and state: counting it scans the project (about 2 s at a million artifacts). A worker counts it
-- and keeps the result here; the dashboard shows the kept one with when it was counted, and asks
-- for a recount when the rules or the artifacts' states have changed since ("basis": the statuses
-- and deciders the tallies counted when it was taken), at most every 30 s.
CREATE TABLE "TriagePreview" (
  "projectId" INTEGER PRIMARY KEY REFERENCES "Project" ("id") ON DELETE CASCADE,
  "ruleSetVersion" INTEGER,
  "basis" TEXT,
  "resultJson" TEXT,
  "computedAt" TIMESTAMPTZ,
  "requestedAt" TIMESTAMPTZ
);

-- Down Migration
DROP TABLE "TriagePreview";
