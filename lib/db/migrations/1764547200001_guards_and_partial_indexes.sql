-- Up Migration
-- What the Prisma schema cannot say: append-only and immutable tables, and partial indexes.

CREATE FUNCTION workbench_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER "VerdictEvent_no_update" BEFORE UPDATE ON "VerdictEvent" FOR EACH ROW EXECUTE FUNCTION workbench_refuse('VerdictEvent is append-only');
CREATE TRIGGER "VerdictEvent_no_delete" BEFORE DELETE ON "VerdictEvent" FOR EACH ROW EXECUTE FUNCTION workbench_refuse('VerdictEvent is append-only');
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION workbench_refuse('AuditEvent is append-only');
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION workbench_refuse('AuditEvent is append-only');
CREATE TRIGGER "RuleSet_no_update" BEFORE UPDATE ON "RuleSet" FOR EACH ROW EXECUTE FUNCTION workbench_refuse('RuleSet versions are immutable; save a new version');

-- A frozen split version never changes: its members can be neither added, changed nor removed.
CREATE FUNCTION workbench_split_member_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  version_id integer := CASE WHEN TG_OP = 'INSERT' THEN NEW."splitVersionId" ELSE OLD."splitVersionId" END;
BEGIN
  IF (SELECT "status" FROM "SplitVersion" WHERE "id" = version_id) = 'frozen' THEN
    RAISE EXCEPTION 'SplitMember of a frozen version is immutable' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER "SplitMember_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "SplitMember" FOR EACH ROW EXECUTE FUNCTION workbench_split_member_guard();

-- artifacts whose checks an older import did not compute (lib/server/import/fill-missing-flags.ts)
CREATE INDEX "Artifact_flags_missing_idx" ON "Artifact" ("projectId") WHERE "flags" IS NULL;
-- what triage decided or sampled, for its outcome counts
CREATE INDEX "Artifact_triage_idx" ON "Artifact" ("projectId", "triageRoute", "triageAudit", "status", "decidedBy") WHERE "triageRoute" IS NOT NULL;

-- Down Migration
DROP INDEX "Artifact_triage_idx";
DROP INDEX "Artifact_flags_missing_idx";
DROP TRIGGER "SplitMember_frozen" ON "SplitMember";
DROP FUNCTION workbench_split_member_guard();
DROP TRIGGER "RuleSet_no_update" ON "RuleSet";
DROP TRIGGER "AuditEvent_no_delete" ON "AuditEvent";
DROP TRIGGER "AuditEvent_no_update" ON "AuditEvent";
DROP TRIGGER "VerdictEvent_no_delete" ON "VerdictEvent";
DROP TRIGGER "VerdictEvent_no_update" ON "VerdictEvent";
DROP FUNCTION workbench_refuse();
