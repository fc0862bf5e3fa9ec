import "server-only";
import { defaultRuleSet, ruleSetSchema, type RuleSet } from "../../domain/qc/rule-set";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { rawDb } from "../raw-db";
import type { Actor } from "../record-audit";
import { immediate, sqlDate, stmt, type Sqlite } from "../sqlite";

export interface RuleSetVersion {
  version: number;
  rules: RuleSet;
  note: string;
  basedOn: number | null;
  createdAt: string | null;
  createdBy: string | null;
}

/** Version 1 of every project is the HumanLLM rubric; it is stored when a project saves its first own version. */
const DEFAULT_VERSION = (): RuleSetVersion => ({ version: 1, rules: defaultRuleSet(), note: "The HumanLLM rubric (DESIGN.md)", basedOn: null, createdAt: null, createdBy: null });

function toVersion(r: { version: number; rulesJson: string; note: string; basedOn: number | null; createdAt: string; createdBy: string | null }): RuleSetVersion {
  return { version: r.version, rules: ruleSetSchema.parse(JSON.parse(r.rulesJson)), note: r.note, basedOn: r.basedOn, createdAt: r.createdAt, createdBy: r.createdBy };
}

const SELECT = `SELECT r.version, r.rulesJson, r.note, r.basedOn, r.createdAt, a.email AS createdBy FROM RuleSet r LEFT JOIN Account a ON a.id = r.createdById`;

/** The project's current rule set: the version its settings point at, or the default. */
export function currentRuleSet(projectId: number, db: Sqlite = rawDb()): RuleSetVersion {
  const row = stmt(db, `${SELECT} JOIN Project p ON p.currentRuleSetId = r.id WHERE p.id = ?`).get(projectId) as Parameters<typeof toVersion>[0] | undefined;
  return row ? toVersion(row) : DEFAULT_VERSION();
}

/** One saved version (1 is the default unless the project stored it). */
export function ruleSetVersion(projectId: number, version: number, db: Sqlite = rawDb()): RuleSetVersion {
  const row = stmt(db, `${SELECT} WHERE r.projectId = ? AND r.version = ?`).get(projectId, version) as Parameters<typeof toVersion>[0] | undefined;
  if (row) return toVersion(row);
  if (version === 1) return DEFAULT_VERSION();
  throw new AppError("not_found", `Project ${projectId} has no rule set version ${version}.`);
}

export function ruleSetVersions(projectId: number, db: Sqlite = rawDb()): RuleSetVersion[] {
  const rows = stmt(db, `${SELECT} WHERE r.projectId = ? ORDER BY r.version DESC`).all(projectId) as Parameters<typeof toVersion>[0][];
  const versions = rows.map(toVersion);
  return versions.some((v) => v.version === 1) ? versions : [...versions, DEFAULT_VERSION()];
}

/**
 * Saves rules as the project's next version and makes it current. Versions never change once
 * saved (there is no update); the default is stored as version 1 first, so every version the
 * project used can be fetched. Audited, with the version it was based on.
 */
export function saveRuleSet(projectId: number, input: { rules: unknown; note?: string; basedOn?: number | null }, actor: Actor, db: Sqlite = rawDb()): RuleSetVersion {
  const rules = ruleSetSchema.parse(input.rules);
  return immediate(db, () => {
    if (!stmt(db, `SELECT 1 FROM Project WHERE id = ?`).get(projectId)) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    const at = sqlDate(new Date());
    const insert = stmt(db, `INSERT INTO RuleSet (projectId, version, rulesJson, note, basedOn, createdById, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const last = stmt(db, `SELECT MAX(version) FROM RuleSet WHERE projectId = ?`).pluck().get(projectId) as number | null;
    if (last === null) {
      const d = DEFAULT_VERSION();
      insert.run(projectId, 1, JSON.stringify(d.rules), d.note, null, null, at);
    }
    const version = (last ?? 1) + 1;
    const before = currentRuleSet(projectId, db).version;
    const id = Number(insert.run(projectId, version, JSON.stringify(rules), input.note ?? "", input.basedOn ?? before, actor.actorId ?? null, at).lastInsertRowid);
    stmt(db, `UPDATE Project SET currentRuleSetId = ?, updatedAt = ? WHERE id = ?`).run(id, at, projectId);
    writeAudit(db, { ...actor, action: "rules.saved", entityType: "RuleSet", entityId: `${projectId}/${version}`, projectId, before: { version: before }, after: { version, note: input.note ?? "", rules } });
    return ruleSetVersion(projectId, version, db);
  });
}

/** A rule set version as the pipeline reads it, over the API or from `cli rules export`. */
export function pipelineJson(projectName: string, v: RuleSetVersion) {
  return { project: projectName, version: v.version, note: v.note, createdAt: v.createdAt, rules: v.rules };
}
