import "server-only";
import type { Decision } from "../../domain/kinds";
import { deriveReviewState, isFinal, type LiveVerdict, type ReviewState, type Ruling } from "../../domain/review-state";
import { z } from "zod";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";
import { storeDisputes } from "../adjudication/disputes";

interface EventRow {
  accountId: number;
  decision: string;
  contentJson: string | null;
  reasonsJson: string;
  overrideFlags?: number;
}

/**
 * The events that stand among an artifact's verdict events (ordered by time): the latest per
 * annotator, unless that latest one is a retraction. The one rule for "live", whatever the row shape.
 */
export function latestPerAnnotator<T extends { accountId: number; decision: string }>(events: T[]): T[] {
  const latest = new Map<number, T>();
  for (const e of events) {
    if (e.decision === "retract") latest.delete(e.accountId);
    else latest.set(e.accountId, e);
  }
  return [...latest.values()];
}

/** The live verdicts among an artifact's events (ordered by time), as the review state derives from them. */
export function liveVerdicts(events: EventRow[]): LiveVerdict[] {
  return latestPerAnnotator(events).map((e) => ({
    accountId: e.accountId,
    decision: e.decision as Decision,
    content: e.contentJson,
    reasons: JSON.parse(e.reasonsJson) as string[],
    overrideFlags: e.overrideFlags ?? 0,
  }));
}

/** Writes an artifact's derived review state; `at` becomes finalizedAt when the state is final (a lead's ruling keeps its own). */
export async function storeReviewState(t: Queryable, projectId: number, artifactId: string, state: ReviewState, at: Date): Promise<void> {
  await storeReviewStates(t, projectId, [{ artifactId, state, at }]);
}

/** storeReviewState for many artifacts in one statement (and the adjudication list's rows of those disputed). */
export async function storeReviewStates(t: Queryable, projectId: number, states: readonly StoredState[]): Promise<void> {
  if (states.length === 0) return;
  await t.exec(reviewStatesUpdate(projectId, states));
  await storeDisputes(t, projectId, states);
}

interface StoredState {
  artifactId: string;
  state: ReviewState;
  at: Date;
}

/** The statement storeReviewStates runs, for a use case that folds it into a larger one (a CTE; it calls storeDisputes after). */
export function reviewStatesUpdate(projectId: number, states: readonly StoredState[]): Sql {
  return reviewStatesUpdateFrom(projectId, sql`${stateValues(states)} AS s(${STATE_COLUMNS})`);
}

/** The columns of a relation of review states to store, in order (stateValues, REVIEW_STATES_TABLE). */
const STATE_COLUMNS = sql`"id", "status", "verdictCount", "disagreement", "finalDecision", "finalContent", "final", "at", "decidedBy", "reasonFlags", "overrideFlags"`;

/** A temporary table of review states to store later, all at once (recomputeReviewStates): STATE_COLUMNS with their types. */
export const REVIEW_STATES_TABLE = sql`("id" TEXT PRIMARY KEY, "status" TEXT, "verdictCount" INTEGER, "disagreement" FLOAT8, "finalDecision" TEXT, "finalContent" TEXT,
  "final" BOOLEAN, "at" TIMESTAMPTZ, "decidedBy" TEXT, "reasonFlags" INTEGER, "overrideFlags" INTEGER)`;

/** Adds review states to a table made with REVIEW_STATES_TABLE. */
export function stageReviewStates(table: Sql, states: readonly StoredState[]): Sql {
  return sql`INSERT INTO ${table} SELECT * FROM ${stateValues(states)} AS s(${STATE_COLUMNS})`;
}

/** Stores the review states of `relation` (aliased `s`, STATE_COLUMNS) onto their artifacts. */
export function reviewStatesUpdateFrom(projectId: number, relation: Sql): Sql {
  return sql`
    UPDATE "ArtifactState" a SET "status" = s."status", "verdictCount" = s."verdictCount", "disagreement" = s."disagreement",
      "finalDecision" = s."finalDecision", "finalContentJson" = s."finalContent",
      "finalizedAt" = CASE WHEN s."final" THEN COALESCE(CASE WHEN a."decidedBy" = s."decidedBy" THEN a."finalizedAt" END, s."at") END,
      "decidedBy" = s."decidedBy", "reasonFlags" = s."reasonFlags", "overrideFlags" = s."overrideFlags"
    FROM ${relation}
    WHERE a."projectId" = ${projectId} AND a."artifactId" = s."id"`;
}

/** The states as rows of STATE_COLUMNS. */
function stateValues(states: readonly StoredState[]): Sql {
  const column = <T>(f: (x: StoredState) => T) => states.map(f);
  const [one] = states;
  // one artifact (a verdict) reads one row of values: its plan is made once per connection, where
  // unnest's arrays made PostgreSQL plan the statement again on every call
  return states.length === 1
    ? sql`(VALUES (${one.artifactId}::text, ${one.state.status}::text, ${one.state.verdictCount}::integer, ${one.state.disagreement}::float8, ${one.state.finalDecision}::text,
                   ${one.state.finalContent}::text, ${isFinal(one.state)}::boolean, ${one.at}::timestamptz, ${one.state.decidedBy}::text, ${one.state.reasonFlags}::integer,
                   ${one.state.overrideFlags}::integer))`
    : sql`unnest(${column((x) => x.artifactId)}::text[], ${column((x) => x.state.status)}::text[], ${column((x) => x.state.verdictCount)}::integer[],
                 ${column((x) => x.state.disagreement)}::float8[], ${column((x) => x.state.finalDecision)}::text[], ${column((x) => x.state.finalContent)}::text[],
                 ${column((x) => isFinal(x.state))}::boolean[], ${column((x) => x.at)}::timestamptz[], ${column((x) => x.state.decidedBy)}::text[],
                 ${column((x) => x.state.reasonFlags)}::integer[], ${column((x) => x.state.overrideFlags)}::integer[])`;
}

/** A decision column, typed. */
export const decision = col.text as unknown as z.ZodType<Decision, string>;
export const AdjudicationRow = row({ decision, contentJson: col.text.nullable(), reasons: col.json(z.array(z.string())) });

/**
 * What outranks an artifact's verdicts: its lead's adjudication (the latest, if a lead decided twice)
 * or the triage rule that decided it.
 */
export async function rulingOf(t: Queryable, projectId: number, artifactId: string): Promise<Ruling | null> {
  const a = await t.maybe(
    AdjudicationRow,
    sql`SELECT "decision", "contentJson", "reasonsJson" AS "reasons" FROM "Adjudication" WHERE "projectId" = ${projectId} AND "artifactId" = ${artifactId} ORDER BY "id" DESC LIMIT 1`,
  );
  if (a) return rulingFrom(a, null);
  const rules = await t.maybe(
    row({ decidedBy: col.text, finalDecision: decision }),
    sql`SELECT "decidedBy", "finalDecision" FROM "ArtifactState" WHERE "projectId" = ${projectId} AND "artifactId" = ${artifactId} AND "decidedBy" = 'rules'`,
  );
  return rulingFrom(null, rules ?? null);
}

/** The ruling, from an artifact's latest adjudication and its own row (decided by the rules or not). */
export function rulingFrom(adjudication: z.infer<typeof AdjudicationRow> | null, artifact: { decidedBy: string | null; finalDecision: Decision | null } | null): Ruling | null {
  if (adjudication) return { by: "lead", decision: adjudication.decision, content: adjudication.contentJson, reasons: adjudication.reasons };
  return artifact?.decidedBy === "rules" && artifact.finalDecision ? { by: "rules", decision: artifact.finalDecision } : null;
}

/** The verdict-event columns the review state derives from. */
export const EventRow = row({ accountId: col.int, decision: col.text, contentJson: col.text.nullable(), reasonsJson: col.text, overrideFlags: col.int });

/** Recomputes and stores one artifact's review state from its verdict events and its ruling (inside the caller's transaction). */
export async function refreshReviewState(t: Queryable, projectId: number, artifactId: string, overlap: number, now: Date): Promise<ReviewState> {
  const events = await t.many(
    EventRow,
    sql`SELECT "accountId", "decision", "contentJson", "reasonsJson", "overrideFlags" FROM "VerdictEvent"
        WHERE "projectId" = ${projectId} AND "artifactId" = ${artifactId} ORDER BY "createdAt", "id"`,
  );
  const state = deriveReviewState(liveVerdicts(events), overlap, await rulingOf(t, projectId, artifactId));
  await storeReviewState(t, projectId, artifactId, state, now);
  return state;
}
