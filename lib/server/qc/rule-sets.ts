import "server-only";
import { db, forNoKeyUpdate, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { defaultRuleSet, ruleSetSchema, type RuleSet } from "../../domain/qc/rule-set";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { emitEvent } from "../webhooks/emit-event";
import type { Actor } from "../record-audit";

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

// saved versions never change (a trigger refuses updates), so each one's JSON is parsed once per process
const parsedRules = new Map<string, RuleSet>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function parseRules(rulesJson: string): RuleSet {
  let rules = parsedRules.get(rulesJson);
  if (!rules) {
    rules = deepFreeze(ruleSetSchema.parse(JSON.parse(rulesJson))); // shared by every caller: nobody may change it
    if (parsedRules.size >= 1000) parsedRules.clear();
    parsedRules.set(rulesJson, rules);
  }
  return rules;
}

function toVersion(r: { version: number; rulesJson: string; note: string; basedOn: number | null; createdAt: string; createdBy: string | null }): RuleSetVersion {
  return { version: r.version, rules: parseRules(r.rulesJson), note: r.note, basedOn: r.basedOn, createdAt: r.createdAt, createdBy: r.createdBy };
}

/** The version and rules of a rule set a query read along with other things (null: the project uses the default). */
export function rulesOf(version: number | null, rulesJson: string | null): { version: number; rules: RuleSet } {
  if (version === null || rulesJson === null) return DEFAULT_VERSION();
  return { version, rules: parseRules(rulesJson) };
}

const Version = row({ version: col.int, rulesJson: col.text, note: col.text, basedOn: col.int.nullable(), createdAt: col.date, createdBy: col.text.nullable() });

const SELECT = sql`SELECT r."version", r."rulesJson", r."note", r."basedOn", r."createdAt", a."email" AS "createdBy" FROM "RuleSet" r LEFT JOIN "Account" a ON a."id" = r."createdById"`;

/** The project's current rule set: the version its settings point at, or the default. */
export async function currentRuleSet(projectId: number, q: Queryable = db()): Promise<RuleSetVersion> {
  const r = await q.maybe(Version, sql`${SELECT} JOIN "Project" p ON p."currentRuleSetId" = r."id" WHERE p."id" = ${projectId}`);
  return r ? toVersion(r) : DEFAULT_VERSION();
}

/** One saved version (1 is the default unless the project stored it). */
export async function ruleSetVersion(projectId: number, version: number, q: Queryable = db()): Promise<RuleSetVersion> {
  const r = await q.maybe(Version, sql`${SELECT} WHERE r."projectId" = ${projectId} AND r."version" = ${version}`);
  if (r) return toVersion(r);
  if (version === 1) return DEFAULT_VERSION();
  throw new AppError("not_found", `Project ${projectId} has no rule set version ${version}.`);
}

export async function ruleSetVersions(projectId: number): Promise<RuleSetVersion[]> {
  const versions = (await db().many(Version, sql`${SELECT} WHERE r."projectId" = ${projectId} ORDER BY r."version" DESC`)).map(toVersion);
  return versions.some((v) => v.version === 1) ? versions : [...versions, DEFAULT_VERSION()];
}

/**
 * Saves rules as the project's next version and makes it current. Versions never change once
 * saved (there is no update); the default is stored as version 1 first, so every version the
 * project used can be fetched. Audited, with the version it was based on.
 */
export async function saveRuleSet(projectId: number, input: { rules: unknown; note?: string; basedOn?: number | null }, actor: Actor, q?: Queryable): Promise<RuleSetVersion> {
  const rules = ruleSetSchema.parse(input.rules);
  const save = async (t: Queryable) => {
    const project = await t.maybe(row({ id: col.int }), sql`SELECT "id" FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`);
    if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    const at = new Date();
    const insert = (version: number, r: RuleSet, note: string, basedOn: number | null, by: number | null) =>
      t.one(
        row({ id: col.int }),
        sql`INSERT INTO "RuleSet" ("projectId", "version", "rulesJson", "note", "basedOn", "createdById", "createdAt")
                                      VALUES (${projectId}, ${version}, ${JSON.stringify(r)}, ${note}, ${basedOn}, ${by}, ${at}) RETURNING "id"`,
      );
    const { last } = await t.one(row({ last: col.int.nullable() }), sql`SELECT MAX("version") AS "last" FROM "RuleSet" WHERE "projectId" = ${projectId}`);
    if (last === null) {
      const d = DEFAULT_VERSION();
      await insert(1, d.rules, d.note, null, null);
    }
    const version = (last ?? 1) + 1;
    const before = (await currentRuleSet(projectId, t)).version;
    const { id } = await insert(version, rules, input.note ?? "", input.basedOn ?? before, actor.actorId ?? null);
    await t.exec(sql`UPDATE "Project" SET "currentRuleSetId" = ${id}, "updatedAt" = ${at} WHERE "id" = ${projectId}`);
    await writeAudit(t, {
      ...actor,
      action: "rules.saved",
      entityType: "RuleSet",
      entityId: `${projectId}/${version}`,
      projectId,
      before: { version: before },
      after: { version, note: input.note ?? "", rules },
    });
    await emitEvent(t, projectId, "rules.published", { version, basedOn: input.basedOn ?? before, note: input.note ?? "", rules: `/api/v1/projects/${projectId}/rules/${version}` });
    return ruleSetVersion(projectId, version, t);
  };
  return q ? save(q) : db().tx(save);
}

/** A rule set version as the pipeline reads it, over the API or from `cli rules export`. */
export function pipelineJson(projectName: string, v: RuleSetVersion) {
  return { project: projectName, version: v.version, note: v.note, createdAt: v.createdAt, rules: v.rules };
}
