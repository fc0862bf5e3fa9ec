import "server-only";
import type { Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { emitEvent } from "./emit-event";

/** Artifacts in one artifact.finalized message at most. */
export const FINALIZED_BATCH = 1000;

const Noted = row({ projectId: col.int, artifactId: col.text, status: col.text, at: col.date });

/**
 * Turns the artifacts noted as finalized (migration 018's trigger) into artifact.finalized messages,
 * up to FINALIZED_BATCH a message, oldest first. The notes are taken and the messages written in one
 * transaction, with SKIP LOCKED, so workers running it at once neither repeat nor lose one. Returns
 * how many artifacts it told of.
 */
export async function flushFinalized(d: Db, limit = 10 * FINALIZED_BATCH): Promise<number> {
  return d.tx(async (t) => {
    const taken = await t.many(
      Noted,
      sql`DELETE FROM "WebhookOutbox" WHERE "id" IN (SELECT "id" FROM "WebhookOutbox" ORDER BY "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING "projectId", "artifactId", "status", "at"`,
    );
    const byProject = new Map<number, typeof taken>();
    for (const n of taken) {
      const list = byProject.get(n.projectId);
      if (list) list.push(n);
      else byProject.set(n.projectId, [n]);
    }
    for (const [projectId, notes] of byProject) {
      notes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      for (let i = 0; i < notes.length; i += FINALIZED_BATCH) {
        const part = notes.slice(i, i + FINALIZED_BATCH);
        await emitEvent(t, projectId, "artifact.finalized", {
          count: part.length,
          artifacts: part.map((n) => ({ id: n.artifactId, status: n.status, finalizedAt: n.at })),
        });
      }
    }
    return taken.length;
  });
}
