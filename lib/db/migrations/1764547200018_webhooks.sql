-- Up Migration
-- Webhooks (Standard Webhooks): endpoints a lead registers per project, and a delivery log. A
-- delivery is a job on the queue ("webhook"): the action that caused it only writes its row and the
-- job, in its own transaction, so a message exists if and only if what it tells of committed.
CREATE TABLE "WebhookEndpoint" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[] NOT NULL,
    -- needed to sign: shown once when made, never again
    "secret" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMPTZ(3),
    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "WebhookEndpoint_events_check" CHECK (cardinality("events") > 0),
    CONSTRAINT "WebhookEndpoint_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WebhookEndpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "WebhookEndpoint_projectId_idx" ON "WebhookEndpoint" ("projectId");

CREATE TABLE "WebhookDelivery" (
    "id" SERIAL NOT NULL,
    "endpointId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    -- webhook-id: the same on every attempt and on a redelivery, for receivers to drop repeats
    "messageId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "error" TEXT,
    "durationMs" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "WebhookDelivery_status_check" CHECK ("status" IN ('pending', 'succeeded', 'failed')),
    CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "WebhookDelivery_projectId_id_idx" ON "WebhookDelivery" ("projectId", "id");
CREATE INDEX "WebhookDelivery_endpointId_id_idx" ON "WebhookDelivery" ("endpointId", "id");

-- artifact.finalized is batched: every artifact that becomes final (by people, a lead or the rules,
-- on any path) in a project with an endpoint for it is noted here in the same transaction, and a
-- worker turns the notes into messages of up to 1,000 artifacts every few seconds.
CREATE TABLE "WebhookOutbox" (
    "id" BIGSERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookOutbox_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION workbench_note_finalized() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "WebhookEndpoint" e WHERE e."projectId" = NEW."projectId" AND e."disabledAt" IS NULL AND 'artifact.finalized' = ANY (e."events")) THEN
    INSERT INTO "WebhookOutbox" ("projectId", "artifactId", "status") VALUES (NEW."projectId", NEW."id", NEW."status");
  END IF;
  RETURN NULL;
END $$;

-- a row trigger whose WHEN is checked without calling the function: only artifacts that just became final pay for it
CREATE TRIGGER "Artifact_note_finalized" AFTER UPDATE OF "status" ON "Artifact" FOR EACH ROW
  WHEN (NEW."status" IN ('accepted', 'rejected') AND OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION workbench_note_finalized();

-- Down Migration
DROP TRIGGER "Artifact_note_finalized" ON "Artifact";
DROP FUNCTION workbench_note_finalized();
DROP TABLE "WebhookOutbox";
DROP TABLE "WebhookDelivery";
DROP TABLE "WebhookEndpoint";
