-- Up Migration
-- The jobs a worker is running, with the worker's heartbeat: a lease whose heartbeat stops (the
-- worker was killed, or its machine went away) is swept by another worker, which fails the job in
-- the queue (pg-boss retries it, or records the failure on the job's own row when it was the last
-- attempt). The queue itself lives in the "pgboss" schema, which pg-boss creates and migrates.
CREATE TABLE "JobLease" (
    "jobId" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "workerId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "finalAttempt" BOOLEAN NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("jobId")
);
CREATE INDEX "JobLease_workerId_idx" ON "JobLease" ("workerId");
CREATE INDEX "JobLease_heartbeatAt_idx" ON "JobLease" ("heartbeatAt");

-- Down Migration
DROP TABLE "JobLease";
