import "server-only";
import { AppError } from "../../errors";
import { db, type Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";

export interface Claim {
  artifactId: string;
  leaseId: number;
  expiresAt: string;
  /** true when the annotator already held this lease (a reload, a second tab) */
  resumed: boolean;
  gold: boolean;
}

export interface ClaimOptions {
  db?: Db;
  now?: Date;
  /** uniform in [0, 1): decides when a gold artifact is mixed in */
  random?: () => number;
  /** rubric keys ("persona", "social_qa:why") whose artifacts come first: those calibration still lacks labels of */
  first?: readonly string[];
}

const Claimed = row({ projectFound: col.bool, artifactId: col.text.nullable(), leaseId: col.int.nullable(), expiresAt: col.date.nullable(), resumed: col.bool, gold: col.bool });

/**
 * Hands the annotator one artifact under a lease, or null when the queue has nothing for them.
 * The whole claim is one transaction; the candidate's row is locked (SKIP LOCKED lets a second
 * claimer pass to the next one), so two annotators asking at once, on any instance, can never both
 * take the last place of an artifact.
 */
export async function claimNextArtifact(projectId: number, accountId: number, opts: ClaimOptions = {}): Promise<Claim | null> {
  const now = opts.now ?? new Date();
  const draw = (opts.random ?? Math.random)();
  // one round trip: the function (its latest version is migration 027) runs the steps below as one transaction. The
  // annotator's own row serializes their claims (two tabs asking at once get one lease); a live lease
  // of theirs is handed back; with probability goldRate a gold artifact they have not seen; otherwise
  // candidates in queue order: artifacts already in review first (finish what was started), then
  // pending ones; within each, by queue rank (what triage left to people, most uncertain first, then
  // audits of its auto decisions; lib/domain/qc/queue-rank.ts), then oldest import first. An annotator
  // never gets an artifact they gave a verdict on, nor one whose verdicts plus live leases already
  // reach the overlap, counted again once its row is locked (SKIP LOCKED passes rows other claimers
  // hold). Skipped artifacts come back only when nothing else is left.
  const c = await (opts.db ?? db()).one(Claimed, sql`SELECT * FROM workbench_claim(${projectId}, ${accountId}, ${now}, ${draw}, ${[...(opts.first ?? [])]}::text[])`);
  if (!c.projectFound) throw new AppError("not_found", `Project ${projectId} does not exist.`);
  if (c.artifactId === null || c.leaseId === null || c.expiresAt === null) return null;
  return { artifactId: c.artifactId, leaseId: c.leaseId, expiresAt: c.expiresAt, resumed: c.resumed, gold: c.gold };
}
