-- Up Migration
-- Where the pipeline wrote an artifact ("reddit/users_persona_v2(medium_high)/123.txt:1"), as the
-- import gave it: the artifact view shows it, so a reviewer can go back to the stage file.
ALTER TABLE "Artifact" ADD COLUMN "source" TEXT;

-- Down Migration
ALTER TABLE "Artifact" DROP COLUMN "source";
