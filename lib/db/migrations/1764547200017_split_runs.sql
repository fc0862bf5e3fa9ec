-- Up Migration
-- Making a split version is a job like an export: at a million artifacts it writes for tens of
-- seconds, longer than an HTTP request should wait. The row keeps what was asked (seed, ratios) and,
-- once made, the version and its counts; the splits page, the API and the CLI follow its progress.
CREATE TABLE "SplitRun" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "ratiosJson" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "done" INTEGER,
    "total" INTEGER,
    "resultJson" TEXT,
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    CONSTRAINT "SplitRun_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "SplitRun_status_check" CHECK ("status" IN ('running', 'succeeded', 'failed')),
    CONSTRAINT "SplitRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SplitRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "SplitRun_projectId_id_idx" ON "SplitRun" ("projectId", "id");

-- Down Migration
DROP TABLE "SplitRun";
