-- Up Migration
-- An annotator's claim at the end of the queue searched every open artifact twice more for ones
-- they had skipped, though most annotators have skipped none: the claim now asks first (an index
-- of skips by annotator) and does the pass with skipped artifacts only for one who has. The rest of
-- the function is 016's.
CREATE INDEX "Lease_skips_idx" ON "Lease" ("accountId", "projectId") WHERE "outcome" = 'skip';

CREATE OR REPLACE FUNCTION workbench_claim(p_project integer, p_account integer, p_now timestamptz, p_gold_draw float8, p_first text[])
RETURNS TABLE ("projectFound" boolean, "artifactId" text, "leaseId" integer, "expiresAt" timestamptz, "resumed" boolean, "gold" boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_overlap integer;
  v_lease_minutes integer;
  v_gold_rate float8;
  v_found text;
  v_artifact text;
  v_gold boolean := false;
  v_room boolean;
  v_passed text[] := '{}';
  v_status text;
  v_with_skipped boolean;
  v_has_skips boolean;
  v_first boolean;
  v_expires timestamptz;
  v_lease integer;
BEGIN
  SELECT p."overlap", p."leaseMinutes", p."goldRate" INTO v_overlap, v_lease_minutes, v_gold_rate FROM "Project" p WHERE p."id" = p_project AND p."archivedAt" IS NULL;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, NULL::text, NULL::integer, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  -- the annotator's own row serializes their claims: two tabs asking at once get one lease
  PERFORM 1 FROM "Account" WHERE "id" = p_account FOR UPDATE;

  RETURN QUERY
    SELECT true, l."artifactId", l."id", l."expiresAt", true, a."isGold"
    FROM "Lease" l JOIN "Artifact" a ON a."projectId" = l."projectId" AND a."id" = l."artifactId"
    WHERE l."accountId" = p_account AND l."projectId" = p_project AND l."releasedAt" IS NULL AND l."expiresAt" > p_now
    ORDER BY l."id" DESC LIMIT 1;
  IF FOUND THEN RETURN; END IF;

  -- gold artifacts are measured against their known answer, so every annotator may get each once
  IF v_gold_rate > 0 AND p_gold_draw < v_gold_rate THEN
    SELECT a."id" INTO v_artifact FROM "Artifact" a
    WHERE a."projectId" = p_project AND a."isGold"
      AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."id" AND v."accountId" = p_account)
      AND NOT EXISTS (SELECT 1 FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."id" AND l."accountId" = p_account
                      AND (l."outcome" = 'skip' OR (l."releasedAt" IS NULL AND l."expiresAt" > p_now)))
    ORDER BY a."importedAt", a."id"
    LIMIT 1 FOR UPDATE SKIP LOCKED;
    v_gold := v_artifact IS NOT NULL;
  END IF;

  -- otherwise the queue: in review before pending, skipped artifacts only when nothing else is left
  -- (a pass an annotator who never skipped in the project does without)
  IF v_artifact IS NULL THEN
    v_has_skips := EXISTS (SELECT 1 FROM "Lease" s WHERE s."accountId" = p_account AND s."projectId" = p_project AND s."outcome" = 'skip');
    <<search>>
    FOREACH v_first IN ARRAY (CASE WHEN cardinality(p_first) > 0 THEN ARRAY[true, false] ELSE ARRAY[false] END) LOOP
    FOREACH v_with_skipped IN ARRAY (CASE WHEN v_has_skips THEN ARRAY[false, true] ELSE ARRAY[false] END) LOOP
      FOREACH v_status IN ARRAY ARRAY['in_review', 'pending'] LOOP
        LOOP
          IF v_with_skipped THEN
            SELECT a."id" INTO v_found FROM "Artifact" a
            WHERE a."projectId" = p_project AND a."status" = v_status AND NOT a."isGold" AND a."id" <> ALL (v_passed)
              AND (NOT v_first OR (CASE WHEN a."kind" = 'social_qa' THEN 'social_qa:' || COALESCE(a."flavor", 'general') ELSE a."kind" END) = ANY (p_first))
              AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."id" AND v."accountId" = p_account)
              AND a."verdictCount" + (SELECT COUNT(*) FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."id"
                                      AND l."releasedAt" IS NULL AND l."expiresAt" > p_now) < v_overlap
            ORDER BY a."queueRank", a."importedAt", a."id"
            LIMIT 1 FOR UPDATE SKIP LOCKED;
          ELSE
            SELECT a."id" INTO v_found FROM "Artifact" a
            WHERE a."projectId" = p_project AND a."status" = v_status AND NOT a."isGold" AND a."id" <> ALL (v_passed)
              AND (NOT v_first OR (CASE WHEN a."kind" = 'social_qa' THEN 'social_qa:' || COALESCE(a."flavor", 'general') ELSE a."kind" END) = ANY (p_first))
              AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."id" AND v."accountId" = p_account)
              AND NOT EXISTS (SELECT 1 FROM "Lease" s WHERE s."projectId" = a."projectId" AND s."artifactId" = a."id" AND s."accountId" = p_account AND s."outcome" = 'skip')
              AND a."verdictCount" + (SELECT COUNT(*) FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."id"
                                      AND l."releasedAt" IS NULL AND l."expiresAt" > p_now) < v_overlap
            ORDER BY a."queueRank", a."importedAt", a."id"
            LIMIT 1 FOR UPDATE SKIP LOCKED;
          END IF;
          EXIT WHEN NOT FOUND;
          -- counted again now that the row is locked: a lease committed after the search began is visible
          SELECT a."verdictCount" + (SELECT COUNT(*) FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."id"
                                     AND l."releasedAt" IS NULL AND l."expiresAt" > p_now) < v_overlap
            INTO v_room FROM "Artifact" a WHERE a."projectId" = p_project AND a."id" = v_found;
          IF v_room THEN
            v_artifact := v_found;
            EXIT search;
          END IF;
          v_passed := v_passed || v_found; -- filled up meanwhile by other claimers
        END LOOP;
      END LOOP;
    END LOOP;
    END LOOP;
  END IF;

  IF v_artifact IS NULL THEN
    RETURN QUERY SELECT true, NULL::text, NULL::integer, NULL::timestamptz, false, false;
    RETURN;
  END IF;
  v_expires := p_now + make_interval(mins => v_lease_minutes);
  INSERT INTO "Lease" ("projectId", "artifactId", "accountId", "createdAt", "expiresAt") VALUES (p_project, v_artifact, p_account, p_now, v_expires) RETURNING "id" INTO v_lease;
  RETURN QUERY SELECT true, v_artifact, v_lease, v_expires, false, v_gold;
END $$;

-- Down Migration
-- (the function above works without the index, only slower; 016's version is not restored)
DROP INDEX "Lease_skips_idx";
