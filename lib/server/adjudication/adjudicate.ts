import "server-only";
import type { z } from "zod";
import { db, forUpdate, type Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { ArtifactKind } from "../../domain/kinds";
import { stableStringify } from "../../domain/stable-json";
import { AppError, describeIssues } from "../../errors";
import { ARTIFACT_CONTENT } from "../../validation/artifact-content";
import { adjudicationInput, type AdjudicationInput } from "../../validation/adjudication";
import { writeAudit } from "../audit";
import { emitEvent } from "../webhooks/emit-event";
import type { Actor } from "../record-audit";
import { refreshReviewState } from "../review/review-state-of";

const Disputed = row({ kind: col.text as unknown as z.ZodType<ArtifactKind, string>, status: col.text, overlap: col.int });

/**
 * Records a lead's final decision on a disputed artifact: accept (as it is, or with an annotator's
 * edit or a merge of them as the content that ships) or reject with reasons, with a note. The
 * artifact becomes final and the audit log has it.
 */
export async function adjudicate(
  projectId: number,
  actor: Actor & { actorId: number },
  raw: AdjudicationInput,
  opts: { db?: Db; now?: Date } = {},
): Promise<{ adjudicationId: number; status: string }> {
  const input = adjudicationInput.parse(raw);
  const now = opts.now ?? new Date();
  return (opts.db ?? db()).tx(async (t) => {
    const a = await t.maybe(
      Disputed,
      sql`SELECT a."kind", a."status", p."overlap" FROM "ArtifactState" a JOIN "Project" p ON p."id" = a."projectId"
          WHERE a."projectId" = ${projectId} AND a."artifactId" = ${input.artifactId}${forUpdate(t, "", "a")}`,
    );
    if (!a) throw new AppError("not_found", `Artifact ${input.artifactId} is not in this project.`);
    if (a.status !== "disputed") throw new AppError("conflict", `Artifact ${input.artifactId} is ${a.status.replace("_", " ")}, not disputed: there is nothing to adjudicate.`);
    let content: string | null = null;
    if (input.decision === "edit") {
      const parsed = ARTIFACT_CONTENT[a.kind].safeParse(input.content);
      if (!parsed.success) throw new AppError("invalid_input", `The content is not a valid ${a.kind}: ${describeIssues(parsed.error.issues)}`);
      content = stableStringify(parsed.data);
    }
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "Adjudication" ("projectId", "artifactId", "leadId", "decision", "reasonsJson", "contentJson", "note", "createdAt")
          VALUES (${projectId}, ${input.artifactId}, ${actor.actorId}, ${input.decision}, ${JSON.stringify(input.reasons)}, ${content}, ${input.note}, ${now}) RETURNING "id"`,
    );
    const { status } = await refreshReviewState(t, projectId, input.artifactId, a.overlap, now);
    await writeAudit(
      t,
      {
        ...actor,
        action: "adjudication.created",
        entityType: "Artifact",
        entityId: input.artifactId,
        projectId,
        before: { status: "disputed" },
        after: { adjudicationId: id, decision: input.decision, reasons: input.reasons, note: input.note, status },
      },
      now,
    );
    await emitEvent(t, projectId, "adjudication.recorded", {
      artifactId: input.artifactId,
      adjudicationId: id,
      decision: input.decision,
      reasons: input.reasons,
      note: input.note,
      lead: actor.actorLabel,
      status,
      artifact: `/api/v1/projects/${projectId}/artifacts/${encodeURIComponent(input.artifactId)}`,
    });
    return { adjudicationId: id, status };
  });
}
