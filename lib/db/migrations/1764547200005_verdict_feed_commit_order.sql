-- Up Migration
-- The verdict feed's order: the writing transaction's id, then the event's id. Transactions commit
-- out of id order, so an id alone lets a reader pass an event that commits later; the feed reads
-- only events of transactions older than every one still running (pg_snapshot_xmin), and any event
-- that becomes visible later belongs to a newer transaction, which sorts after what was read.
-- (Existing rows, all committed, share the id of the transaction that adds the column.)
ALTER TABLE "VerdictEvent" ADD COLUMN "txid" xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX "VerdictEvent_feed_idx" ON "VerdictEvent" ("projectId", "txid", "id");

-- Down Migration
DROP INDEX "VerdictEvent_feed_idx";
ALTER TABLE "VerdictEvent" DROP COLUMN "txid";
