import "server-only";
import { AppError } from "../../errors";
import { isStalled, launchRunner } from "../launch-runner";
import { rawDb } from "../raw-db";
import type { Actor } from "../record-audit";
import { performJob } from "../perform-job";
import { sqlDate, stmt, type Sqlite } from "../sqlite";
import { computeAgreement, type AgreementResult } from "./compute-agreement";

/** Up to this many verdicts the page computes agreement itself (well under a second); beyond, a runner process does. */
export const INLINE_VERDICTS = 5_000;

export interface AgreementSnapshotInfo {
  id: number;
  status: "running" | "succeeded" | "failed";
  progress: number;
  labelMode: string;
  verdictCursor: number;
  /** the highest Adjudication id when it started */
  adjudicationCursor: number;
  result: AgreementResult | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  stalled: boolean;
}

/** New verdicts are counted up to this many. */
export const COUNT_CAP = 100_000;

export interface AgreementFreshness {
  /** verdicts and adjudications since the latest finished snapshot, and whether the label mode changed */
  newVerdicts: number;
  newAdjudications: number;
  labelModeChanged: boolean;
  stale: boolean;
}

type Row = Omit<AgreementSnapshotInfo, "result" | "stalled"> & { resultJson: string | null; updatedAt: string | null };
const COLUMNS = `id, status, progress, labelMode, verdictCursor, adjudicationCursor, resultJson, error, createdAt, updatedAt, finishedAt`;

function toInfo({ resultJson, updatedAt, ...rest }: Row): AgreementSnapshotInfo {
  return { ...rest, result: resultJson ? (JSON.parse(resultJson) as AgreementResult) : null, stalled: isStalled(rest.status, updatedAt) };
}

const maxAdjudication = (db: Sqlite, projectId: number) => (stmt(db, `SELECT COALESCE(MAX(id), 0) FROM Adjudication WHERE projectId = ?`).pluck().get(projectId) as number);

/** The latest snapshot that finished well, and the one running (or stalled, or failed) after it, if any. */
export function agreementSnapshots(projectId: number, db: Sqlite = rawDb()): { ready: AgreementSnapshotInfo | null; latest: AgreementSnapshotInfo | null } {
  const ready = stmt(db, `SELECT ${COLUMNS} FROM AgreementSnapshot WHERE projectId = ? AND status = 'succeeded' ORDER BY id DESC LIMIT 1`).get(projectId) as Row | undefined;
  const latest = stmt(db, `SELECT ${COLUMNS} FROM AgreementSnapshot WHERE projectId = ? ORDER BY id DESC LIMIT 1`).get(projectId) as Row | undefined;
  return { ready: ready ? toInfo(ready) : null, latest: latest && latest.id !== ready?.id ? toInfo(latest) : null };
}

/**
 * What changed since a snapshot: new verdicts (a rowid range scan of what came after its cursor),
 * new adjudications, a different label mode.
 */
export function agreementFreshness(projectId: number, snapshot: Pick<AgreementSnapshotInfo, "verdictCursor" | "adjudicationCursor" | "labelMode"> | null, db: Sqlite = rawDb()): AgreementFreshness {
  const cursor = snapshot?.verdictCursor ?? 0;
  // a rowid range (+projectId keeps SQLite off the project's index, which would read all its verdicts),
  // counted up to a cap: "over 100,000 new" says enough
  const newVerdicts = stmt(db, `SELECT COUNT(*) FROM (SELECT 1 FROM VerdictEvent WHERE id > ? AND +projectId = ? LIMIT ${COUNT_CAP})`).pluck().get(cursor, projectId) as number;
  const newAdjudications = stmt(db, `SELECT COUNT(*) FROM Adjudication WHERE projectId = ? AND id > ?`).pluck().get(projectId, snapshot?.adjudicationCursor ?? 0) as number;
  const mode = stmt(db, `SELECT labelMode FROM Project WHERE id = ?`).pluck().get(projectId) as string;
  const labelModeChanged = snapshot !== null && snapshot.labelMode !== mode;
  return { newVerdicts, newAdjudications, labelModeChanged, stale: !snapshot || newVerdicts > 0 || newAdjudications > 0 || labelModeChanged };
}

/** Records a snapshot to compute; refuses while another one of the project runs. */
export function requestAgreementSnapshot(projectId: number, actor: Actor, db: Sqlite = rawDb()): number {
  const project = stmt(db, `SELECT labelMode FROM Project WHERE id = ?`).get(projectId) as { labelMode: string } | undefined;
  if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);
  const running = stmt(db, `SELECT status, updatedAt FROM AgreementSnapshot WHERE projectId = ? AND status = 'running'`).all(projectId) as { status: string; updatedAt: string | null }[];
  if (running.some((r) => !isStalled(r.status, r.updatedAt))) throw new AppError("conflict", "Agreement is already being computed for this project; its progress shows on the page.");
  const at = sqlDate(new Date());
  return Number(
    stmt(db, `INSERT INTO AgreementSnapshot (projectId, labelMode, verdictCursor, adjudicationCursor, status, createdById, createdAt, updatedAt) VALUES (?, ?, 0, ?, 'running', ?, ?, ?)`)
      .run(projectId, project.labelMode, maxAdjudication(db, projectId), actor.actorId ?? null, at, at).lastInsertRowid,
  );
}

/** Computes a requested snapshot (see computeAgreement) and records the result or the error (see performJob). */
export function performAgreementSnapshot(id: number, url?: string, opts: { resamples?: number } = {}): AgreementSnapshotInfo {
  return performJob({
    table: "AgreementSnapshot",
    id,
    url,
    label: `Agreement snapshot ${id}`,
    work: ({ db, onProgress }) => {
      const projectId = stmt(db, `SELECT projectId FROM AgreementSnapshot WHERE id = ?`).pluck().get(id) as number;
      const { result, verdictCursor } = computeAgreement(db, projectId, { ...opts, onProgress });
      return { labelMode: result.labelMode, verdictCursor, resultJson: JSON.stringify(result) };
    },
    describeError: (e) => (e instanceof AppError ? undefined : "computing agreement stopped on an internal error; try again"),
    result: (db) => toInfo(stmt(db, `SELECT ${COLUMNS} FROM AgreementSnapshot WHERE id = ?`).get(id) as Row),
  });
}

/** Whether the project is small enough to compute agreement within a page request. */
export function computesInline(projectId: number, db: Sqlite = rawDb()): boolean {
  return (stmt(db, `SELECT COUNT(*) FROM (SELECT 1 FROM VerdictEvent WHERE projectId = ? LIMIT ?)`).pluck().get(projectId, INLINE_VERDICTS + 1) as number) <= INLINE_VERDICTS;
}

/**
 * Starts a fresh snapshot: computed here when the project is small, else by a runner process (the
 * page follows its progress). Returns the snapshot's id.
 */
export function refreshAgreement(projectId: number, actor: Actor, db: Sqlite = rawDb()): number {
  const id = requestAgreementSnapshot(projectId, actor, db);
  if (computesInline(projectId, db)) performAgreementSnapshot(id, `file:${db.name}`);
  else launchRunner("run-agreement", id);
  return id;
}
