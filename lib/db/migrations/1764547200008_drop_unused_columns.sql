-- Up Migration
-- Columns nothing read: a project's queue order (the queue's order is triage's rank, then import
-- time), and a post's quality and harmless tags, which stay in its tags (shown on the post card).
ALTER TABLE "Project" DROP COLUMN "queueOrder";
ALTER TABLE "Post" DROP COLUMN "quality", DROP COLUMN "harmless";

-- Down Migration
ALTER TABLE "Post" ADD COLUMN "quality" TEXT, ADD COLUMN "harmless" BOOLEAN;
UPDATE "Post" SET "quality" = "tagsJson"::jsonb ->> 'quality', "harmless" = ("tagsJson"::jsonb ->> 'harmless')::boolean;
ALTER TABLE "Project" ADD COLUMN "queueOrder" TEXT NOT NULL DEFAULT 'oldest_first';
