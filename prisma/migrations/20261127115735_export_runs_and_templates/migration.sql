-- Export runs become jobs of their own process: what they do (export or freeze) and a heartbeat.
-- Written as ALTERs rather than Prisma's table redefinition (same result, nothing copied).
ALTER TABLE "ExportRun" ADD COLUMN "action" TEXT NOT NULL DEFAULT 'export';
ALTER TABLE "ExportRun" ADD COLUMN "updatedAt" DATETIME;
CREATE INDEX "ExportRun_splitVersionId_createdAt_idx" ON "ExportRun"("splitVersionId", "createdAt");

-- A split version pins the prompt template version of each task, so re-exports stay byte-identical
-- after a lead saves a new template; templates record who saved them. It pins the QC rule set
-- version too, whose outcome for each artifact the export lists.
ALTER TABLE "SplitVersion" ADD COLUMN "templatesJson" TEXT;
ALTER TABLE "PromptTemplate" ADD COLUMN "createdById" INTEGER;
ALTER TABLE "SplitVersion" ADD COLUMN "ruleSetVersion" INTEGER NOT NULL DEFAULT 1;
