-- Up Migration
-- Noting finalized artifacts cost every bulk finalize about 10 µs an artifact even where no
-- endpoint listens (a plpgsql call and a lookup per row: 200,000 artifacts finalized in 11.7 s
-- instead of 9.6 s, bench/webhooks.ts). Now each UPDATE statement on "Artifact" first asks once
-- whether any endpoint anywhere listens for artifact.finalized and says so in a transaction-local
-- setting; the row trigger's WHEN reads that setting, so without a listener no row calls a function.
CREATE FUNCTION workbench_finalized_listened() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('workbench.note_finalized',
    CASE WHEN EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE "disabledAt" IS NULL AND 'artifact.finalized' = ANY ("events")) THEN 'on' ELSE 'off' END, true);
  RETURN NULL;
END $$;

CREATE TRIGGER "Artifact_finalized_listened" BEFORE UPDATE OF "status" ON "Artifact" FOR EACH STATEMENT EXECUTE FUNCTION workbench_finalized_listened();

DROP TRIGGER "Artifact_note_finalized" ON "Artifact";
CREATE TRIGGER "Artifact_note_finalized" AFTER UPDATE OF "status" ON "Artifact" FOR EACH ROW
  WHEN (NEW."status" IN ('accepted', 'rejected') AND OLD."status" IS DISTINCT FROM NEW."status" AND current_setting('workbench.note_finalized', true) = 'on')
  EXECUTE FUNCTION workbench_note_finalized();

-- Down Migration
DROP TRIGGER "Artifact_note_finalized" ON "Artifact";
CREATE TRIGGER "Artifact_note_finalized" AFTER UPDATE OF "status" ON "Artifact" FOR EACH ROW
  WHEN (NEW."status" IN ('accepted', 'rejected') AND OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION workbench_note_finalized();
DROP TRIGGER "Artifact_finalized_listened" ON "Artifact";
DROP FUNCTION workbench_finalized_listened();
