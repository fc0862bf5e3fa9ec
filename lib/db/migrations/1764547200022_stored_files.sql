-- Up Migration
-- Files one process writes for another (an export's files, an upload waiting for its worker) are
-- kept in the database, so instances on separate machines share nothing but PostgreSQL. A file is
-- a row and its bytes are numbered chunks of at most 1 MiB, written and read one chunk at a time
-- (never whole in memory). A file is readable once "complete"; an incomplete one is a write that
-- has not finished (or never will: the process writing it died) and is removed after a day.
CREATE TABLE "StoredFile" (
  "id" BIGSERIAL PRIMARY KEY,
  -- what the file belongs to, as "<owner kind>/<id>/<name>": unique, renamed when ownership passes
  "key" TEXT NOT NULL UNIQUE,
  "bytes" BIGINT NOT NULL DEFAULT 0,
  "sha256" TEXT,
  "complete" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX "StoredFile_incomplete_idx" ON "StoredFile" ("createdAt") WHERE NOT "complete";

CREATE TABLE "StoredFileChunk" (
  "fileId" BIGINT NOT NULL REFERENCES "StoredFile" ("id") ON DELETE CASCADE,
  "seq" INTEGER NOT NULL,
  "data" BYTEA NOT NULL,
  PRIMARY KEY ("fileId", "seq")
);
-- exports and uploads are mostly JSON lines: kept out of line but not compressed, which would cost
-- the writer's CPU on every chunk for a file that lives a few days
ALTER TABLE "StoredFileChunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;

-- Secrets every instance must share (the generated session secret), where every instance reaches them.
CREATE TABLE "WorkbenchSecret" (
  "name" TEXT PRIMARY KEY,
  "value" TEXT NOT NULL,
  "createdAt" TIMESTAMPTZ NOT NULL DEFAULT now()
);
