-- Up Migration
-- A running job says how far it is in its own units (records exported, artifacts triaged, artifacts
-- bootstrapped): "12,000 of 80,000 records", not only a share. NULL where a job only knows a share.
-- An export also keeps its records per split and source, for the page to say which splits came out empty.
ALTER TABLE "ExportRun" ADD COLUMN "done" INTEGER, ADD COLUMN "total" INTEGER, ADD COLUMN "recordsJson" TEXT;
ALTER TABLE "TriageRun" ADD COLUMN "done" INTEGER, ADD COLUMN "total" INTEGER;
ALTER TABLE "AgreementSnapshot" ADD COLUMN "done" INTEGER, ADD COLUMN "total" INTEGER;
ALTER TABLE "CalibrationRun" ADD COLUMN "done" INTEGER, ADD COLUMN "total" INTEGER;

-- Down Migration
ALTER TABLE "CalibrationRun" DROP COLUMN "done", DROP COLUMN "total";
ALTER TABLE "AgreementSnapshot" DROP COLUMN "done", DROP COLUMN "total";
ALTER TABLE "TriageRun" DROP COLUMN "done", DROP COLUMN "total";
ALTER TABLE "ExportRun" DROP COLUMN "done", DROP COLUMN "total", DROP COLUMN "recordsJson";
