-- Up Migration
-- Webhooks after the security re-test.
-- 1. The delivery log keeps the answer's status and a short error class, never what a receiver said:
--    a lead could read internal services through it (the worker no longer reads answers at all).
ALTER TABLE "WebhookDelivery" DROP COLUMN "responseBody";

-- 2. An endpoint speaks for the person who registered it: it stops when that person may no longer
--    manage the project (they leave it, are deactivated, or lose the lead role), on whatever path
--    that happens (settings page, API, CLI, account admin), and the audit log says so. The check
--    runs at commit (a deferred constraint trigger), so replacing a project's members in one
--    transaction does not stop the endpoints of a lead who stays.
ALTER TABLE "WebhookEndpoint" ADD COLUMN "disabledReason" TEXT;

CREATE FUNCTION workbench_stop_orphaned_webhooks(account INTEGER, reason TEXT) RETURNS void LANGUAGE sql AS $$
  WITH stopped AS (
    UPDATE "WebhookEndpoint" e SET "disabledAt" = now(), "disabledReason" = reason
    WHERE e."createdById" = account AND e."disabledAt" IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM "Account" a
        WHERE a."id" = account AND a."active"
          AND (a."role" = 'admin' OR (a."role" = 'lead' AND EXISTS (SELECT 1 FROM "ProjectMember" m WHERE m."projectId" = e."projectId" AND m."accountId" = account))))
    RETURNING e."id", e."projectId", e."url"
  )
  INSERT INTO "AuditEvent" ("actorId", "actorLabel", "action", "entityType", "entityId", "projectId", "beforeJson", "afterJson", "createdAt")
  SELECT NULL, 'workbench', 'webhook.stopped', 'WebhookEndpoint', s."id"::text, s."projectId", json_build_object('url', s."url")::text, json_build_object('reason', reason)::text, now()
  FROM stopped s;
$$;

CREATE FUNCTION workbench_member_left() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM workbench_stop_orphaned_webhooks(OLD."accountId", 'its creator left the project');
  RETURN NULL;
END $$;

CREATE FUNCTION workbench_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM workbench_stop_orphaned_webhooks(NEW."id", CASE WHEN NOT NEW."active" THEN 'its creator was deactivated'
    WHEN NEW."role" = 'lead' THEN 'its creator is no longer an admin, nor a lead of the project'
    ELSE 'its creator is no longer a lead' END);
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "ProjectMember_stop_orphaned_webhooks" AFTER DELETE ON "ProjectMember"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION workbench_member_left();
CREATE CONSTRAINT TRIGGER "Account_stop_orphaned_webhooks" AFTER UPDATE OF "active", "role" ON "Account"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD."active" IS DISTINCT FROM NEW."active" OR OLD."role" IS DISTINCT FROM NEW."role")
  EXECUTE FUNCTION workbench_account_changed();

-- Down Migration
DROP TRIGGER "Account_stop_orphaned_webhooks" ON "Account";
DROP TRIGGER "ProjectMember_stop_orphaned_webhooks" ON "ProjectMember";
DROP FUNCTION workbench_account_changed();
DROP FUNCTION workbench_member_left();
DROP FUNCTION workbench_stop_orphaned_webhooks(INTEGER, TEXT);
ALTER TABLE "WebhookEndpoint" DROP COLUMN "disabledReason";
ALTER TABLE "WebhookDelivery" ADD COLUMN "responseBody" TEXT;
