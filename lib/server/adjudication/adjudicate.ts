import "server-only";
import type { ArtifactKind } from "../../domain/kinds";
import { stableStringify } from "../../domain/stable-json";
import { AppError } from "../../errors";
import { ARTIFACT_CONTENT } from "../../validation/artifact-content";
import { adjudicationInput, type AdjudicationInput } from "../../validation/adjudication";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { rawDb } from "../raw-db";
import { refreshReviewState } from "../review/review-state-of";
import { immediate, sqlDate, stmt, type Sqlite } from "../sqlite";

/**
 * Records a lead's final decision on a disputed artifact: accept (as it is, or with an annotator's
 * edit or a merge of them as the content that ships) or reject with reasons, with a note. The
 * artifact becomes final and the audit log has it.
 */
export function adjudicate(projectId: number, actor: Actor & { actorId: number }, raw: AdjudicationInput, opts: { db?: Sqlite; now?: Date } = {}): { adjudicationId: number; status: string } {
  const input = adjudicationInput.parse(raw);
  const db = opts.db ?? rawDb();
  const now = opts.now ?? new Date();
  const at = sqlDate(now);
  return immediate(db, () => {
    const a = stmt(db, `SELECT a.kind, a.status, p.overlap FROM Artifact a JOIN Project p ON p.id = a.projectId WHERE a.projectId = ? AND a.id = ?`)
      .get(projectId, input.artifactId) as { kind: ArtifactKind; status: string; overlap: number } | undefined;
    if (!a) throw new AppError("not_found", `Artifact ${input.artifactId} is not in this project.`);
    if (a.status !== "disputed") throw new AppError("conflict", `Artifact ${input.artifactId} is ${a.status.replace("_", " ")}, not disputed: there is nothing to adjudicate.`);
    let content: string | null = null;
    if (input.decision === "edit") {
      const parsed = ARTIFACT_CONTENT[a.kind].safeParse(input.content);
      if (!parsed.success) throw new AppError("invalid_input", `The content is not a valid ${a.kind}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      content = stableStringify(parsed.data);
    }
    const id = Number(
      stmt(db, `INSERT INTO Adjudication (projectId, artifactId, leadId, decision, reasonsJson, contentJson, note, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
        projectId, input.artifactId, actor.actorId, input.decision, JSON.stringify(input.reasons), content, input.note, at,
      ).lastInsertRowid,
    );
    const { status } = refreshReviewState(db, projectId, input.artifactId, a.overlap, now);
    writeAudit(db, { ...actor, action: "adjudication.created", entityType: "Artifact", entityId: input.artifactId, projectId, before: { status: "disputed" }, after: { adjudicationId: id, decision: input.decision, reasons: input.reasons, note: input.note, status } }, opts.now);
    return { adjudicationId: id, status };
  });
}
