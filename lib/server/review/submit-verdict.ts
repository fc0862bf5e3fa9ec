import "server-only";
import { z } from "zod";
import { db, type Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { diffContent } from "../../domain/content-diff";
import type { ArtifactKind } from "../../domain/kinds";
import { checkFlags, describeChecks, riskyChecksOf } from "../../domain/risky-checks";
import { deriveReviewState, type ReviewState } from "../../domain/review-state";
import { stableStringify } from "../../domain/stable-json";
import { AppError, describeIssues } from "../../errors";
import { ARTIFACT_CONTENT } from "../../validation/artifact-content";
import { verdictInput, type VerdictInput } from "../../validation/verdict";
import { auditInsert } from "../audit";
import type { Actor } from "../record-audit";
import { storeDisputes } from "../adjudication/disputes";
import { AdjudicationRow, decision, EventRow, liveVerdicts, reviewStatesUpdate, rulingFrom } from "./review-state-of";

export interface SubmittedVerdict {
  verdictId: number;
  state: ReviewState;
}

const kind = col.text as unknown as z.ZodType<ArtifactKind, string>;
const Event = EventRow.extend({ createdAt: col.date });
const Context = row({
  kind,
  content: col.json(z.record(z.string(), z.unknown())),
  verdictCount: col.int,
  status: col.text,
  flags: col.int.nullable(),
  decidedBy: col.text.nullable(),
  finalDecision: decision.nullable(),
  overlap: col.int,
  events: col.json(z.array(Event)),
  lease: col.json(z.object({ id: col.int, expiresAt: col.date, releasedAt: col.date.nullable() }).nullable()),
  adjudication: col.json(AdjudicationRow.nullable()),
});
const Count = row({ n: col.int });

/**
 * Records an annotator's verdict on the artifact the queue handed them, releases the lease and
 * brings the artifact's review status up to date, in one transaction that locks the artifact's row.
 * A lease that ran out still counts while nobody else was handed the artifact and it has room;
 * otherwise the verdict is refused, so the overlap is never exceeded and nobody reviews items they
 * picked themselves. Two statements in the common case: lock and read what the rules need, then write.
 */
export async function submitVerdict(projectId: number, actor: Actor & { actorId: number }, raw: VerdictInput, opts: { db?: Db; now?: Date } = {}): Promise<SubmittedVerdict> {
  const input = verdictInput.parse(raw);
  const now = opts.now ?? new Date();
  const me = actor.actorId;
  return (opts.db ?? db()).tx(async (t): Promise<SubmittedVerdict> => {
    // the artifact's row, locked, and what the rules need, read after the lock (workbench_verdict_context, migration 012)
    const artifact = await t.maybe(Context, sql`SELECT * FROM workbench_verdict_context(${projectId}, ${input.artifactId}, ${me})`);
    if (!artifact) throw new AppError("not_found", `Artifact ${input.artifactId} is not in this project.`);
    const { events, lease, adjudication } = artifact;

    const mine = events.findLast((e) => e.accountId === me);
    if (mine && mine.decision !== "retract") throw new AppError("conflict", "You already gave a verdict on this artifact; undo it first to change it.");

    // a verdict needs the queue's lease: a live one, or this annotator's own that ran out before
    // anyone else was handed the artifact; nobody picks their own items
    if (!lease || lease.releasedAt !== null) {
      throw new AppError("conflict", "The queue has not given you this artifact, so your verdict was not recorded. Take the next one from the queue.");
    }
    if (Date.parse(lease.expiresAt) <= now.getTime()) {
      const expiredAt = new Date(lease.expiresAt);
      const { n: handedOn } = await t.one(
        Count,
        sql`SELECT COUNT(*) AS "n" FROM "Lease" WHERE "projectId" = ${projectId} AND "artifactId" = ${input.artifactId} AND "accountId" <> ${me} AND "createdAt" >= ${expiredAt}`,
      );
      const { n: others } = await t.one(
        Count,
        sql`SELECT COUNT(*) AS "n" FROM "Lease" WHERE "projectId" = ${projectId} AND "artifactId" = ${input.artifactId} AND "releasedAt" IS NULL AND "expiresAt" > ${now}`,
      );
      const open = artifact.status === "pending" || artifact.status === "in_review";
      if (handedOn > 0 || !open || artifact.verdictCount + others >= artifact.overlap) {
        throw new AppError("conflict", "Your lease on this artifact ran out and it was handed to someone else; your verdict was not recorded. Take the next one.");
      }
    }

    // accepting as it is over a failed check (personal data, a leaked name, a give-away) must be confirmed by name
    const overridden = input.decision === "accept" ? riskyChecksOf(artifact.flags ?? 0) : [];
    const unconfirmed = overridden.filter((c) => !input.overrides.includes(c));
    if (unconfirmed.length) {
      throw new AppError("conflict", `This artifact failed the check for ${describeChecks(unconfirmed)}; accepting it as it is needs a confirmation that names the check.`, { unconfirmed });
    }

    let contentJson: string | null = null;
    let diffJson: string | null = null;
    if (input.decision === "edit") {
      const parsed = ARTIFACT_CONTENT[artifact.kind].safeParse(input.content);
      if (!parsed.success) {
        throw new AppError("invalid_input", `The edited content is not a valid ${artifact.kind}: ${describeIssues(parsed.error.issues)}`);
      }
      const changes = diffContent(artifact.content, parsed.data);
      if (changes.length === 0) throw new AppError("invalid_input", "The edit changes nothing; accept the artifact instead.");
      contentJson = stableStringify(parsed.data);
      diffJson = JSON.stringify(changes);
    }

    // the new event takes its place in time order (after every event up to now; its id is the largest)
    const reasonsJson = JSON.stringify(input.reasons);
    const overrideFlags = checkFlags(overridden);
    const stamp = now.toISOString();
    const event = { accountId: me, decision: input.decision, contentJson, reasonsJson, overrideFlags, createdAt: stamp };
    const ordered = [...events.filter((e) => e.createdAt <= stamp), event, ...events.filter((e) => e.createdAt > stamp)];
    const state = deriveReviewState(liveVerdicts(ordered), artifact.overlap, rulingFrom(adjudication, artifact));

    const after = { artifactId: input.artifactId, decision: input.decision, reasons: input.reasons, status: state.status, ...(overridden.length ? { overrode: overridden } : {}) };
    const { id: verdictId } = await t.one(
      row({ id: col.int }),
      sql`WITH "verdict" AS (
            INSERT INTO "VerdictEvent" ("projectId", "artifactId", "accountId", "decision", "reasonsJson", "contentJson", "diffJson", "comment", "durationMs", "overrideFlags", "source", "createdAt")
            VALUES (${projectId}, ${input.artifactId}, ${me}, ${input.decision}, ${reasonsJson}, ${contentJson}, ${diffJson}, ${input.comment || null},
                    ${input.durationMs ?? null}, ${overrideFlags}, 'review', ${now}) RETURNING "id"),
          "released" AS (UPDATE "Lease" SET "releasedAt" = ${now}, "outcome" = 'verdict' WHERE "id" = ${lease.id}),
          "state" AS (${reviewStatesUpdate(projectId, [{ artifactId: input.artifactId, state, at: now }])}),
          "audit" AS (${auditInsert({ ...actor, action: "verdict.created", entityType: "VerdictEvent", entityId: sql`(SELECT "id"::text FROM "verdict")`, projectId, after }, now)})
          SELECT "id" FROM "verdict"`,
    );
    await storeDisputes(t, projectId, [{ artifactId: input.artifactId, state }]);
    return { verdictId, state };
  });
}
