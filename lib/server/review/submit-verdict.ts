import "server-only";
import { diffContent } from "../../domain/content-diff";
import type { ArtifactKind } from "../../domain/kinds";
import { checkFlags, describeChecks, riskyChecksOf } from "../../domain/risky-checks";
import type { ReviewState } from "../../domain/review-state";
import { stableStringify } from "../../domain/stable-json";
import { AppError } from "../../errors";
import { ARTIFACT_CONTENT } from "../../validation/artifact-content";
import { verdictInput, type VerdictInput } from "../../validation/verdict";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { rawDb } from "../raw-db";
import { immediate, sqlDate, type Sqlite, stmt } from "../sqlite";
import { refreshReviewState } from "./review-state-of";

export interface SubmittedVerdict {
  verdictId: number;
  state: ReviewState;
}

/**
 * Records an annotator's verdict on the artifact the queue handed them, releases the lease and
 * brings the artifact's review status up to date, in one IMMEDIATE transaction. A lease that ran
 * out still counts while nobody else was handed the artifact and it has room; otherwise the verdict
 * is refused, so the overlap is never exceeded and nobody reviews items they picked themselves.
 */
export function submitVerdict(projectId: number, actor: Actor & { actorId: number }, raw: VerdictInput, opts: { db?: Sqlite; now?: Date } = {}): SubmittedVerdict {
  const input = verdictInput.parse(raw);
  const db = opts.db ?? rawDb();
  const now = opts.now ?? new Date();
  const at = sqlDate(now);
  const me = actor.actorId;
  return immediate(db, (): SubmittedVerdict => {
    const artifact = stmt(db, `SELECT a.kind, a.contentJson, a.verdictCount, a.status, a.flags, p.overlap FROM Artifact a JOIN Project p ON p.id = a.projectId
                WHERE a.projectId = ? AND a.id = ?`)
      .get(projectId, input.artifactId) as { kind: ArtifactKind; contentJson: string; verdictCount: number; status: string; flags: number | null; overlap: number } | undefined;
    if (!artifact) throw new AppError("not_found", `Artifact ${input.artifactId} is not in this project.`);

    const mine = stmt(db, `SELECT decision FROM VerdictEvent WHERE projectId = ? AND artifactId = ? AND accountId = ? ORDER BY createdAt DESC, id DESC LIMIT 1`)
      .pluck()
      .get(projectId, input.artifactId, me) as string | undefined;
    if (mine && mine !== "retract") throw new AppError("conflict", "You already gave a verdict on this artifact; undo it first to change it.");

    // a verdict needs the queue's lease: a live one, or this annotator's own that ran out before
    // anyone else was handed the artifact; nobody picks their own items
    const lease = stmt(db, `SELECT id, createdAt, expiresAt, releasedAt FROM Lease WHERE projectId = ? AND artifactId = ? AND accountId = ? ORDER BY id DESC LIMIT 1`)
      .get(projectId, input.artifactId, me) as { id: number; createdAt: string; expiresAt: string; releasedAt: string | null } | undefined;
    if (!lease || lease.releasedAt !== null) {
      throw new AppError("conflict", "The queue has not given you this artifact, so your verdict was not recorded. Take the next one from the queue.");
    }
    if (lease.expiresAt <= at) {
      const handedOn = stmt(db, `SELECT COUNT(*) FROM Lease WHERE projectId = ? AND artifactId = ? AND accountId <> ? AND createdAt >= ?`)
        .pluck()
        .get(projectId, input.artifactId, me, lease.expiresAt) as number;
      const others = stmt(db, `SELECT COUNT(*) FROM Lease WHERE projectId = ? AND artifactId = ? AND releasedAt IS NULL AND expiresAt > ?`)
        .pluck()
        .get(projectId, input.artifactId, at) as number;
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
        throw new AppError("invalid_input", `The edited content is not a valid ${artifact.kind}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      }
      const changes = diffContent(JSON.parse(artifact.contentJson), parsed.data);
      if (changes.length === 0) throw new AppError("invalid_input", "The edit changes nothing; accept the artifact instead.");
      contentJson = stableStringify(parsed.data);
      diffJson = JSON.stringify(changes);
    }

    const verdict = stmt(db, `INSERT INTO VerdictEvent (projectId, artifactId, accountId, decision, reasonsJson, contentJson, diffJson, comment, durationMs, overrideFlags, source, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'review', ?)`)
      .run(projectId, input.artifactId, me, input.decision, JSON.stringify(input.reasons), contentJson, diffJson, input.comment || null, input.durationMs ?? null, checkFlags(overridden), at);
    stmt(db, `UPDATE Lease SET releasedAt = ?, outcome = 'verdict' WHERE id = ?`).run(at, lease.id);
    const state = refreshReviewState(db, projectId, input.artifactId, artifact.overlap, now);
    const verdictId = Number(verdict.lastInsertRowid);
    writeAudit(db, { ...actor, action: "verdict.created", entityType: "VerdictEvent", entityId: verdictId, projectId, after: { artifactId: input.artifactId, decision: input.decision, reasons: input.reasons, status: state.status, ...(overridden.length ? { overrode: overridden } : {}) } }, now);
    return { verdictId, state };
  });
}
