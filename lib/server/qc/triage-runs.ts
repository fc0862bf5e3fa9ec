import "server-only";
import { isCalibrated } from "../../domain/qc/rule-set";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { isStalled, launchRunner } from "../launch-runner";
import { rawDb } from "../raw-db";
import type { Actor } from "../record-audit";
import { performJob } from "../perform-job";
import { sqlDate, stmt, type Sqlite } from "../sqlite";
import { applyTriage, type TriageResult } from "./apply-triage";
import { currentRuleSetSync } from "./rule-sets";

export interface TriageRunInfo {
  id: number;
  status: "running" | "succeeded" | "failed";
  progress: number;
  result: TriageResult | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** a running triage whose runner has not been heard from for minutes */
  stalled: boolean;
}

/**
 * Records a triage of the project's open artifacts for the runner to do and returns its id. Refuses
 * when the current rules cannot decide anything, and while another triage of the project runs.
 */
export function requestTriage(projectId: number, actor: Actor, db: Sqlite = rawDb()): number {
  if (!stmt(db, `SELECT 1 FROM Project WHERE id = ?`).get(projectId)) throw new AppError("not_found", `Project ${projectId} does not exist.`);
  const { version, rules } = currentRuleSetSync(projectId, db);
  if (!isCalibrated(rules)) throw new AppError("conflict", `Rule set v${version} has no reject thresholds: calibrate and save a version first, or triage would only send everything to people.`);
  const running = stmt(db, `SELECT status, updatedAt FROM TriageRun WHERE projectId = ? AND status = 'running'`).all(projectId) as { status: string; updatedAt: string | null }[];
  if (running.some((r) => !isStalled(r.status, r.updatedAt))) throw new AppError("conflict", "Triage is already running for this project; wait for it to finish.");
  const at = sqlDate(new Date());
  const id = Number(
    stmt(db, `INSERT INTO TriageRun (projectId, status, progress, createdById, createdAt, updatedAt) VALUES (?, 'running', 0, ?, ?, ?)`).run(projectId, actor.actorId ?? null, at, at)
      .lastInsertRowid,
  );
  writeAudit(db, { ...actor, action: "triage.requested", entityType: "TriageRun", entityId: id, projectId, after: { ruleSetVersion: version } });
  return id;
}

/** Starts the runner of a requested triage in a process of its own (see launchRunner). */
export function launchTriageRun(runId: number): void {
  launchRunner("run-triage", runId);
}

/**
 * Does a requested triage: applies the project's current rules (lib/server/qc/apply-triage.ts),
 * with progress and a heartbeat written through a second connection, then records the result or
 * the error. Returns the finished run.
 */
export function performTriageRun(runId: number, url?: string): TriageRunInfo {
  return performJob({
    table: "TriageRun",
    id: runId,
    url,
    label: `Triage run ${runId}`,
    work: ({ db, onProgress }) => {
      const run = stmt(db, `SELECT projectId, createdById FROM TriageRun WHERE id = ?`).get(runId) as { projectId: number; createdById: number | null };
      const result = applyTriage(run.projectId, { actorId: run.createdById, actorLabel: `triage run ${runId}` }, { db, onProgress: (done, total) => onProgress(total ? done / total : 1) });
      return { resultJson: JSON.stringify(result) };
    },
    describeError: (e) => (e instanceof AppError ? undefined : "triage stopped on an internal error; what it wrote so far stands, and applying it again finishes the rest"),
    result: (db) => triageRunInfo(runId, db),
  });
}

type Row = Omit<TriageRunInfo, "result" | "stalled"> & { resultJson: string | null; updatedAt: string | null };
const COLUMNS = `id, status, progress, resultJson, error, createdAt, updatedAt, finishedAt`;

function toInfo({ resultJson, updatedAt, ...rest }: Row): TriageRunInfo {
  return { ...rest, result: resultJson ? (JSON.parse(resultJson) as TriageResult) : null, stalled: isStalled(rest.status, updatedAt) };
}

export function triageRunInfo(runId: number, db: Sqlite = rawDb()): TriageRunInfo {
  const r = stmt(db, `SELECT ${COLUMNS} FROM TriageRun WHERE id = ?`).get(runId) as Row | undefined;
  if (!r) throw new AppError("not_found", `Triage run ${runId} does not exist.`);
  return toInfo(r);
}

/** The project's latest triage run, or null when triage was never applied from the app. */
export function latestTriageRun(projectId: number, db: Sqlite = rawDb()): TriageRunInfo | null {
  const r = stmt(db, `SELECT ${COLUMNS} FROM TriageRun WHERE projectId = ? ORDER BY id DESC LIMIT 1`).get(projectId) as Row | undefined;
  return r ? toInfo(r) : null;
}
