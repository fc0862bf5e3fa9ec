import "server-only";
import { z } from "zod";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { verdictEventColumns } from "../verdict-event-columns";

/**
 * Cursors are opaque to the pipeline: the position of the last event it was given, (the id of the
 * transaction that wrote it, its id), so that a page is "the events after it". Transactions commit
 * out of order, so the feed reads only events of transactions that finished before every one still
 * running: an event that becomes visible later belongs to a newer transaction and sorts after every
 * cursor given so far. A page never skips an event that commits later, and never repeats one.
 */
export interface FeedPosition {
  txid: string;
  id: number;
}

export const encodeCursor = (p: FeedPosition) => Buffer.from(`v2:${p.txid}:${p.id}`).toString("base64url");

const START: FeedPosition = { txid: "0", id: 0 };

export function decodeCursor(cursor: string | undefined): FeedPosition {
  if (!cursor) return START;
  const text = Buffer.from(cursor, "base64url").toString();
  const v2 = /^v2:(\d{1,20}):(\d{1,15})$/.exec(text);
  if (v2) return { txid: v2[1], id: Number(v2[2]) };
  if (/^v1:\d{1,15}$/.test(text))
    throw new AppError("bad_request", "This cursor is from before the feed followed commit order; start again without `since` (events carry their ids, to skip what you have).");
  throw new AppError("bad_request", "This cursor is not one this API gave; start again without `since`.");
}

const FeedRow = row({
  ...verdictEventColumns,
  txid: col.text,
  email: col.text,
  reasons: col.json(z.array(z.string())),
  content: col.json(z.unknown()).nullable(),
});

/**
 * A page of the project's verdict events after the cursor, in the order they were recorded.
 * Reached through guardApi only, which has loaded the project with the token owner's membership.
 */
export async function verdictFeed(input: { projectId: number; since?: string; limit: number }) {
  const after = decodeCursor(input.since);
  const rows = await db().many(
    FeedRow,
    sql`SELECT v."txid"::text AS "txid", v."id", v."artifactId", a."email", v."decision", v."reasonsJson" AS "reasons", v."contentJson" AS "content", v."diffJson" AS "diff", v."comment", v."durationMs",
               v."supersedesId", v."source", v."createdAt"
        FROM "VerdictEvent" v JOIN "Account" a ON a."id" = v."accountId"
        WHERE v."projectId" = ${input.projectId} AND (v."txid", v."id") > (${after.txid}::xid8, ${after.id}) AND v."txid" < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY v."txid", v."id" LIMIT ${input.limit + 1}`,
  );
  const page = rows.slice(0, input.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      artifactId: r.artifactId,
      annotator: r.email,
      decision: r.decision,
      reasons: r.reasons,
      content: r.content,
      diff: r.diff,
      comment: r.comment,
      seconds: r.durationMs === null ? null : r.durationMs / 1000,
      supersedes: r.supersedesId,
      source: r.source,
      createdAt: r.createdAt,
    })),
    next: encodeCursor(page.length ? { txid: page[page.length - 1].txid, id: page[page.length - 1].id } : after),
    hasMore: rows.length > input.limit,
  };
}
