import "server-only";
import { AppError } from "../../errors";
import { db, forUpdate, type Db, type Queryable } from "../../db/client";
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
}

// Candidates in queue order: artifacts already in review first (finish what was started), then
// pending ones; within each, by queue rank (what triage left to people, most uncertain first, then
// audits of its auto decisions; lib/domain/qc/queue-rank.ts), then oldest import first. An annotator
// never gets an artifact they gave a verdict on, and never one whose verdicts plus live leases
// already reach the overlap. Skipped artifacts come back only when nothing else is left.
function candidate(t: Queryable, p: { projectId: number; accountId: number; now: Date; overlap: number }, status: string, withSkipped: boolean, passed: string[]) {
  const skipped = withSkipped
    ? sql.empty
    : sql`AND NOT EXISTS (SELECT 1 FROM "Lease" s WHERE s."projectId" = a."projectId" AND s."artifactId" = a."id" AND s."accountId" = ${p.accountId} AND s."outcome" = 'skip')`;
  const notPassed = passed.length ? sql`AND a."id" NOT IN ${sql.list(passed)}` : sql.empty;
  return t.maybe(
    Id,
    sql`SELECT a."id" FROM "Artifact" a
        WHERE a."projectId" = ${p.projectId} AND a."status" = ${status} AND NOT a."isGold"
          AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."id" AND v."accountId" = ${p.accountId})
          ${skipped} ${notPassed}
          AND a."verdictCount" + (SELECT COUNT(*) FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."id"
                                  AND l."releasedAt" IS NULL AND l."expiresAt" > ${p.now}) < ${p.overlap}
        ORDER BY a."queueRank", a."importedAt", a."id"
        LIMIT 1${forUpdate(t, " SKIP LOCKED")}`,
  );
}

/**
 * Whether the artifact still has room, counted again once its row is locked: a lease another
 * claimer committed after this statement's snapshot began is visible now (on PostgreSQL the
 * candidate query saw the leases as of its start, and a new lease does not change the artifact's row).
 */
async function hasRoom(t: Queryable, projectId: number, artifactId: string, now: Date, overlap: number): Promise<boolean> {
  const { n } = await t.one(
    row({ n: col.int }),
    sql`SELECT a."verdictCount" + (SELECT COUNT(*) FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."id"
                                   AND l."releasedAt" IS NULL AND l."expiresAt" > ${now}) AS "n"
        FROM "Artifact" a WHERE a."projectId" = ${projectId} AND a."id" = ${artifactId}`,
  );
  return n < overlap;
}

// Gold artifacts are measured against their known answer, so every annotator may get each once.
function goldCandidate(t: Queryable, p: { projectId: number; accountId: number; now: Date }) {
  return t.maybe(
    Id,
    sql`SELECT a."id" FROM "Artifact" a
        WHERE a."projectId" = ${p.projectId} AND a."isGold"
          AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."id" AND v."accountId" = ${p.accountId})
          AND NOT EXISTS (SELECT 1 FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."id" AND l."accountId" = ${p.accountId}
                          AND (l."outcome" = 'skip' OR (l."releasedAt" IS NULL AND l."expiresAt" > ${p.now})))
        ORDER BY a."importedAt", a."id"
        LIMIT 1${forUpdate(t, " SKIP LOCKED")}`,
  );
}

const Id = row({ id: col.text });
const Settings = row({ overlap: col.int, leaseMinutes: col.int, goldRate: col.num });
const Held = row({ id: col.int, artifactId: col.text, expiresAt: col.date, isGold: col.bool });

/**
 * Hands the annotator one artifact under a lease, or null when the queue has nothing for them.
 * The whole claim is one transaction; the candidate's row is locked (SKIP LOCKED lets a second
 * claimer pass to the next one), so two annotators asking at once, on any instance, can never both
 * take the last place of an artifact.
 */
export async function claimNextArtifact(projectId: number, accountId: number, opts: ClaimOptions = {}): Promise<Claim | null> {
  const now = opts.now ?? new Date();
  return (opts.db ?? db()).tx(async (t): Promise<Claim | null> => {
    // the annotator's own row serializes their claims: two tabs asking at once get one lease
    const project = await t.maybe(Settings, sql`SELECT "overlap", "leaseMinutes", "goldRate" FROM "Project" WHERE "id" = ${projectId}`);
    if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    await t.exec(sql`SELECT 1 FROM "Account" WHERE "id" = ${accountId}${forUpdate(t)}`);

    const held = await t.maybe(
      Held,
      sql`SELECT l."id", l."artifactId", l."expiresAt", a."isGold" FROM "Lease" l JOIN "Artifact" a ON a."projectId" = l."projectId" AND a."id" = l."artifactId"
          WHERE l."accountId" = ${accountId} AND l."projectId" = ${projectId} AND l."releasedAt" IS NULL AND l."expiresAt" > ${now} ORDER BY l."id" DESC LIMIT 1`,
    );
    if (held) return { artifactId: held.artifactId, leaseId: held.id, expiresAt: held.expiresAt, resumed: true, gold: held.isGold };

    const params = { projectId, accountId, now, overlap: project.overlap };
    let gold = project.goldRate > 0 && (opts.random ?? Math.random)() < project.goldRate;
    let artifactId = gold ? (await goldCandidate(t, params))?.id : undefined;
    if (!artifactId) {
      gold = false;
      const passed: string[] = [];
      search: for (const withSkipped of [false, true]) {
        for (const status of ["in_review", "pending"]) {
          for (;;) {
            const found = (await candidate(t, params, status, withSkipped, passed))?.id;
            if (!found) break;
            if (await hasRoom(t, projectId, found, now, project.overlap)) {
              artifactId = found;
              break search;
            }
            passed.push(found); // filled up meanwhile by other claimers
          }
        }
      }
    }
    if (!artifactId) return null;

    const expiresAt = new Date(now.getTime() + project.leaseMinutes * 60_000);
    const lease = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "Lease" ("projectId", "artifactId", "accountId", "createdAt", "expiresAt") VALUES (${projectId}, ${artifactId}, ${accountId}, ${now}, ${expiresAt}) RETURNING "id"`,
    );
    return { artifactId, leaseId: lease.id, expiresAt: expiresAt.toISOString(), resumed: false, gold };
  });
}
