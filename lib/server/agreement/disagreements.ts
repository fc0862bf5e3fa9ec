import "server-only";
import type { Decision } from "../../domain/kinds";
import { labelOf, type LabelMode } from "../../domain/review-state";
import type { DisagreementsQuery } from "../../validation/disagreements-query";
import { latestPerAnnotator } from "../review/review-state-of";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";

export interface DisagreementRow {
  id: string;
  kind: string;
  flavor: string | null;
  platform: string;
  status: string;
  finalDecision: string | null;
  decidedBy: string | null;
  verdicts: { accountId: number; email: string; decision: string; label: string; matchesFinal: boolean | null }[];
}

export const PAGE_SIZE = 50;
/** candidates read per request at most: a filter that matches rarely pages on instead of scanning the project */
const SCAN_LIMIT = 5_000;
const BATCH = 200;

/**
 * Artifacts people disagreed on: live verdicts that differ (disputed, open or settled), or a final
 * label that some live verdict does not match (overturned: by adjudication or by the majority).
 * Labels compare in the project's label mode. With an annotator, only artifacts where that
 * annotator's own verdict is the one that differs. Pages by artifact id; `next` continues after
 * the last artifact read (null at the end).
 */
const Candidate = row({ id: col.text, kind: col.text, flavor: col.text.nullable(), platform: col.text, status: col.text, finalDecision: col.text.nullable(), decidedBy: col.text.nullable() });
const Event = row({ artifactId: col.text, accountId: col.int, email: col.text, decision: col.text });

export async function listDisagreements(projectId: number, q: DisagreementsQuery): Promise<{ rows: DisagreementRow[]; next: string | null; scanned: number }> {
  const { labelMode } = await db().one(row({ labelMode: col.text }), sql`SELECT "labelMode" FROM "Project" WHERE "id" = ${projectId}`);
  const mode = labelMode as LabelMode;
  const where = [sql`a."projectId" = ${projectId}`, q.show === "disputed" ? sql`st."disagreement" > 0` : sql`st."finalDecision" IS NOT NULL AND st."verdictCount" > 0`];
  if (q.kind) where.push(sql`a."kind" = ${q.kind}`);
  if (q.platform) where.push(sql`a."platform" = ${q.platform}`);
  if (q.annotator) where.push(sql`a."id" IN (SELECT v."artifactId" FROM "VerdictEvent" v WHERE v."projectId" = ${projectId} AND v."accountId" = ${q.annotator})`);
  const candidates = (after: string) =>
    db().many(
      Candidate,
      sql`SELECT a."id", a."kind", a."flavor", a."platform", st."status", st."finalDecision", st."decidedBy" FROM "Artifact" a JOIN "ArtifactState" st ON st."projectId" = a."projectId" AND st."artifactId" = a."id"
          WHERE ${sql.join(where, sql` AND `)} AND a."id" > ${after} ORDER BY a."id" LIMIT ${BATCH}`,
    );
  // the verdicts of a whole batch of candidates in one query (a probe of the unique index per artifact)
  const events = (ids: string[]) =>
    db().many(
      Event,
      sql`SELECT v."artifactId", v."accountId", acc."email", v."decision" FROM "VerdictEvent" v JOIN "Account" acc ON acc."id" = v."accountId"
          WHERE v."projectId" = ${projectId} AND v."artifactId" IN ${sql.list(ids)} ORDER BY v."artifactId", v."createdAt", v."id"`,
    );
  const rows: DisagreementRow[] = [];
  let after = q.after ?? "";
  let scanned = 0;
  while (rows.length < PAGE_SIZE && scanned < SCAN_LIMIT) {
    const batch = await candidates(after);
    if (batch.length === 0) return { rows, next: null, scanned };
    const byArtifact = new Map<string, { accountId: number; email: string; decision: string }[]>();
    for (const e of await events(batch.map((a) => a.id))) {
      const list = byArtifact.get(e.artifactId);
      if (list) list.push(e);
      else byArtifact.set(e.artifactId, [e]);
    }
    for (const a of batch) {
      scanned++;
      after = a.id;
      const final = a.finalDecision ? labelOf(a.finalDecision as Decision, mode) : null;
      const verdicts = latestPerAnnotator(byArtifact.get(a.id) ?? []).map((v) => {
        const label = labelOf(v.decision as Decision, mode);
        return { ...v, label, matchesFinal: final === null ? null : label === final };
      });
      const labels = new Set(verdicts.map((v) => v.label));
      const differs = (v: (typeof verdicts)[number]) => (q.show === "disputed" ? verdicts.some((o) => o.label !== v.label) : v.matchesFinal === false);
      const keep = q.show === "disputed" ? labels.size > 1 || (q.annotator === undefined && a.decidedBy === "lead") : verdicts.some((v) => v.matchesFinal === false);
      const mine = q.annotator === undefined || verdicts.some((v) => v.accountId === q.annotator && differs(v));
      if (keep && mine) rows.push({ ...a, verdicts });
      if (rows.length === PAGE_SIZE) break;
    }
    if (batch.length < BATCH && rows.length < PAGE_SIZE) return { rows, next: null, scanned };
  }
  return { rows, next: after, scanned };
}
