-- Up Migration
-- What a split version's verdict feed and an agreement snapshot contain is the verdicts their
-- transaction could see (its snapshot), not every event with an id up to a cursor: transactions
-- commit out of id order, and an event committed later with a smaller id would have slipped into a
-- frozen version's feed, or out of "what changed since" a snapshot. Older rows keep their id cursor.
ALTER TABLE "SplitVersion" ADD COLUMN "verdictSnapshot" pg_snapshot;
ALTER TABLE "AgreementSnapshot" ADD COLUMN "verdictSnapshot" pg_snapshot;

-- Down Migration
ALTER TABLE "AgreementSnapshot" DROP COLUMN "verdictSnapshot";
ALTER TABLE "SplitVersion" DROP COLUMN "verdictSnapshot";
