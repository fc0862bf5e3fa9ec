-- Per-token rate limit: requests counted in fixed one-minute windows (the window is minutes since
-- the epoch), kept in the database so that every app instance counts the same requests.
ALTER TABLE "ApiToken" ADD COLUMN "rateWindow" INTEGER;
ALTER TABLE "ApiToken" ADD COLUMN "rateCount" INTEGER NOT NULL DEFAULT 0;
