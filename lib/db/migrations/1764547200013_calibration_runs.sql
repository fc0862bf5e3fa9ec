-- Up Migration
-- A calibration of the judge is a run like an export: the page requests it, a worker computes it
-- (a large project's labels keep a CPU busy for seconds, which the server's event loop must not do)
-- and the row keeps its report, which the page shows and from which a lead saves proposals. Labels
-- count up to "labelsAt"; "verdictSnapshot" and "adjudicationCursor" say what was seen, so the page
-- can tell what changed since.
CREATE TABLE "CalibrationRun" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "labelsAt" TIMESTAMPTZ(3) NOT NULL,
    "verdictSnapshot" pg_snapshot NOT NULL,
    "adjudicationCursor" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "resultJson" TEXT,
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    CONSTRAINT "CalibrationRun_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CalibrationRun_status_check" CHECK ("status" IN ('running', 'succeeded', 'failed')),
    CONSTRAINT "CalibrationRun_target_check" CHECK ("target" >= 0.5 AND "target" <= 1),
    CONSTRAINT "CalibrationRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CalibrationRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "CalibrationRun_projectId_id_idx" ON "CalibrationRun" ("projectId", "id");

-- Down Migration
DROP TABLE "CalibrationRun";
