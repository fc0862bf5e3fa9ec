-- Up Migration
-- What a verdict needs to know, in one round trip: the artifact's row, locked, then (in a statement
-- of its own, so its snapshot holds every verdict committed before the lock was granted) its verdict
-- events in time order, the annotator's latest lease on it and its latest adjudication. Called inside
-- the verdict's transaction by lib/server/review/submit-verdict.ts, which decides with what it returns.
CREATE FUNCTION workbench_verdict_context(p_project integer, p_artifact text, p_account integer)
RETURNS TABLE ("kind" text, "content" text, "verdictCount" integer, "status" text, "flags" integer, "decidedBy" text, "finalDecision" text, "overlap" integer,
               "events" json, "lease" json, "adjudication" json)
LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  SELECT a."kind", a."contentJson", a."verdictCount", a."status", a."flags", a."decidedBy", a."finalDecision", p."overlap" INTO t
  FROM "Artifact" a JOIN "Project" p ON p."id" = a."projectId"
  WHERE a."projectId" = p_project AND a."id" = p_artifact
  FOR UPDATE OF a;
  IF NOT FOUND THEN RETURN; END IF;
  RETURN QUERY SELECT t."kind", t."contentJson", t."verdictCount", t."status", t."flags", t."decidedBy", t."finalDecision", t."overlap",
    (SELECT COALESCE(json_agg(json_build_object('accountId', v."accountId", 'decision', v."decision", 'contentJson', v."contentJson", 'reasonsJson', v."reasonsJson",
                                                'overrideFlags', v."overrideFlags", 'createdAt', v."createdAt") ORDER BY v."createdAt", v."id"), '[]'::json)
     FROM "VerdictEvent" v WHERE v."projectId" = p_project AND v."artifactId" = p_artifact),
    (SELECT json_build_object('id', l."id", 'expiresAt', l."expiresAt", 'releasedAt', l."releasedAt") FROM "Lease" l
     WHERE l."projectId" = p_project AND l."artifactId" = p_artifact AND l."accountId" = p_account ORDER BY l."id" DESC LIMIT 1),
    (SELECT json_build_object('decision', j."decision", 'contentJson', j."contentJson", 'reasons', j."reasonsJson"::json) FROM "Adjudication" j
     WHERE j."projectId" = p_project AND j."artifactId" = p_artifact ORDER BY j."id" DESC LIMIT 1);
END $$;

-- Down Migration
DROP FUNCTION workbench_verdict_context(integer, text, integer);
