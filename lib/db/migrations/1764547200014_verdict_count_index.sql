-- Up Migration
-- What each annotator has done, counted on every review step ("done today", "in total"). Counting
-- an annotator's 50,000 verdict events through the heap took 0.75 s; this index holds what the count
-- reads (who, when, which decision), so it is an index-only scan. A retraction takes back one of the
-- annotator's own verdicts, so the verdicts that stand are the non-retractions less the retractions.
-- (A tally table kept by a trigger was tried first: its per-annotator rows serialized every
-- transaction that wrote verdicts of the same annotator until commit, an import's among them.)
CREATE INDEX "VerdictEvent_account_time_idx" ON "VerdictEvent" ("projectId", "accountId", "createdAt") INCLUDE ("decision");

-- Down Migration
DROP INDEX "VerdictEvent_account_time_idx";
