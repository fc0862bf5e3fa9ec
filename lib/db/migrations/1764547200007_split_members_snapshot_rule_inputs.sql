-- Up Migration
-- A split member keeps what its rule outcome is computed from (flavor, packed judge scores, check
-- flags) as it was when the version was made, like its content: a frozen version's artifacts.tsv no
-- longer depends on the artifact's row today, and an export reads the members alone, in the order of
-- an index, with no join and no sort.
ALTER TABLE "SplitMember" ADD COLUMN "flavor" TEXT, ADD COLUMN "scoresPacked" BIGINT, ADD COLUMN "flags" INTEGER;
ALTER TABLE "SplitMember" DISABLE TRIGGER "SplitMember_frozen";
UPDATE "SplitMember" m SET "flavor" = a."flavor", "scoresPacked" = a."scoresPacked", "flags" = a."flags"
  FROM "SplitVersion" v, "Artifact" a
  WHERE v."id" = m."splitVersionId" AND a."projectId" = v."projectId" AND a."id" = m."artifactId";
ALTER TABLE "SplitMember" ENABLE TRIGGER "SplitMember_frozen";

CREATE INDEX "SplitMember_order_idx" ON "SplitMember" ("splitVersionId", "uid", "artifactId");
DROP INDEX "SplitMember_splitVersionId_uid_idx";

-- The frozen guard checks once per statement instead of once per row (a version of a million
-- members was a million look-ups of its version).
DROP TRIGGER "SplitMember_frozen" ON "SplitMember";
CREATE FUNCTION workbench_split_members_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "SplitVersion" v WHERE v."status" = 'frozen' AND v."id" IN (SELECT "splitVersionId" FROM changed)) THEN
    RAISE EXCEPTION 'SplitMember of a frozen version is immutable' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "SplitMember_frozen_insert" AFTER INSERT ON "SplitMember" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION workbench_split_members_guard();
CREATE TRIGGER "SplitMember_frozen_update" AFTER UPDATE ON "SplitMember" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION workbench_split_members_guard();
CREATE TRIGGER "SplitMember_frozen_delete" AFTER DELETE ON "SplitMember" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION workbench_split_members_guard();

-- Down Migration
DROP TRIGGER "SplitMember_frozen_delete" ON "SplitMember";
DROP TRIGGER "SplitMember_frozen_update" ON "SplitMember";
DROP TRIGGER "SplitMember_frozen_insert" ON "SplitMember";
DROP FUNCTION workbench_split_members_guard();
CREATE TRIGGER "SplitMember_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "SplitMember" FOR EACH ROW EXECUTE FUNCTION workbench_split_member_guard();
CREATE INDEX "SplitMember_splitVersionId_uid_idx" ON "SplitMember" ("splitVersionId", "uid");
DROP INDEX "SplitMember_order_idx";
ALTER TABLE "SplitMember" DROP COLUMN "flags", DROP COLUMN "scoresPacked", DROP COLUMN "flavor";
