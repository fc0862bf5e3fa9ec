import "server-only";
import { annotatorQuality, median, type AnnotatorQuality, type AnnotatorTally } from "../../domain/agreement/annotator-quality";
import { labelPairCounts, pairwiseKappas, type PairAgreement } from "../../domain/agreement/pairwise";
import { ReliabilityBuilder, selectUnits } from "../../domain/agreement/reliability-data";
import { agreementReport, type AgreementReport } from "../../domain/agreement/report";
import type { Decision } from "../../domain/kinds";
import { labelOf, type LabelMode } from "../../domain/review-state";
import { float64List, int32List, type NumberList } from "../../domain/number-list";
import { weekStart } from "../../domain/week";
import { latestPerAnnotator } from "../review/review-state-of";
import { z } from "zod";
import type { Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { AgreementSlice } from "../../views/agreement";

export const SLICE_DIMENSIONS = ["kind", "flavor", "platform", "week"] as const;
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];

export interface AgreementResult {
  labelMode: LabelMode;
  /** live verdicts read, on how many items, and the items with two or more (the ones agreement uses) */
  verdicts: number;
  items: number;
  pairableItems: number;
  /** the annotators in the data; pairs refer to them by index */
  annotators: { id: number; email: string }[];
  overall: AgreementReport;
  slices: Record<SliceDimension, AgreementSlice[]>;
  pairs: PairAgreement[];
  /** how often each pair of labels meets on one item (rows and columns: overall.categories) */
  labelPairs: number[][];
  quality: AnnotatorQuality[];
  seconds: number;
}

// one row per verdict event, as lean as the statistics allow (a million of them): the day it was given
const Row = row({
  artifactId: col.text,
  accountId: col.int,
  decision: col.text,
  durationMs: col.int.nullable(),
  day: col.text,
});
type Row = z.output<typeof Row>;

// one row per artifact with verdicts, in the same order: what slices and quality read of it, the
// final and gold decisions only where they count
const Item = row({
  id: col.text,
  kind: col.text,
  flavor: col.text.nullable(),
  platform: col.text,
  finalDecision: col.text.nullable(),
  goldDecision: col.text.nullable(),
});

interface ItemMeta {
  kind: string;
  flavor: string | null;
  platform: string;
  week: string;
}

/**
 * Each unit's key in every slice dimension, kept as a code into the dimension's few distinct keys
 * (-1: none): a million units would otherwise hold an object and three strings each.
 */
class SliceKeys {
  private readonly keys = Object.fromEntries(SLICE_DIMENSIONS.map((dim) => [dim, [] as string[]])) as Record<SliceDimension, string[]>;
  private readonly index = Object.fromEntries(SLICE_DIMENSIONS.map((dim) => [dim, new Map<string, number>()])) as Record<SliceDimension, Map<string, number>>;
  private readonly codes = Object.fromEntries(SLICE_DIMENSIONS.map((dim) => [dim, int32List()])) as Record<SliceDimension, NumberList<Int32Array>>;

  push(meta: ItemMeta): void {
    for (const dim of SLICE_DIMENSIONS) {
      const key = meta[dim];
      let code = -1;
      if (key !== null) {
        const known = this.index[dim].get(key);
        if (known !== undefined) code = known;
        else this.index[dim].set(key, (code = this.keys[dim].push(key) - 1));
      }
      this.codes[dim].push(code);
    }
  }

  /** unit u's key in `dim`, or null */
  of(dim: SliceDimension, u: number): string | null {
    const code = this.codes[dim].at(u);
    return code < 0 ? null : this.keys[dim][code];
  }
}

export interface ComputeOptions {
  resamples?: number;
  seed?: string;
  /** artifacts bootstrapped of all to bootstrap (the overall report, then each slice) */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Agreement and annotator quality of a project from its live verdicts (the latest per annotator
 * and item, retractions removed), labels compared in the project's label mode. Items with a single
 * verdict are left out of agreement (nothing to agree with) but count for annotator quality.
 * Reads in one transaction, so the verdict cursor it returns is exactly what it saw.
 */
export async function computeAgreement(db: Db, projectId: number, opts: ComputeOptions = {}): Promise<{ result: AgreementResult; verdictCursor: number; verdictSnapshot: string }> {
  const started = performance.now();
  const mode = ((await db.maybe(row({ labelMode: col.text }), sql`SELECT "labelMode" FROM "Project" WHERE "id" = ${projectId}`))?.labelMode ?? "three_class") as LabelMode;
  const builder = new ReliabilityBuilder({ names: false }); // the snapshot reports no unit by name
  let verdicts = 0;
  const meta = new SliceKeys();
  const tallies = new Map<number, AnnotatorTally & { days: Set<string>; durations: NumberList<Float64Array> }>();
  let verdictCursor = 0;
  let verdictSnapshot = "";

  await db.tx(async (t) => {
    // every read sees one snapshot, recorded with the result: "what changed since" is what it did not see
    await t.exec(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    ({ snapshot: verdictSnapshot, cursor: verdictCursor } = await t.one(
      row({ snapshot: col.text, cursor: col.int }),
      sql`SELECT pg_current_snapshot()::text AS "snapshot", COALESCE((SELECT MAX("id") FROM "VerdictEvent" WHERE "projectId" = ${projectId}), 0) AS "cursor"`,
    ));
    const emails = new Map((await t.many(row({ id: col.int, email: col.text }), sql`SELECT "id", "email" FROM "Account"`)).map((a) => [a.id, a.email]));
    const tallyOf = (accountId: number) => {
      let t = tallies.get(accountId);
      if (!t) {
        const email = emails.get(accountId) ?? `account ${accountId}`;
        tallies.set(
          accountId,
          (t = {
            accountId,
            email,
            verdicts: 0,
            rejects: 0,
            gold: 0,
            goldCorrect: 0,
            final: 0,
            finalAgree: 0,
            activeDays: 0,
            medianSeconds: null,
            timed: 0,
            days: new Set(),
            durations: float64List(),
          }),
        );
      }
      return t;
    };
    // in the order of the (projectId, artifactId, accountId, createdAt) index: an item's events
    // together, each annotator's in time order; beside them, on a second cursor, the items in the
    // same order (each artifact's columns once, not once per verdict: half the bytes to parse)
    const rows = t.stream(
      Row,
      sql`SELECT v."artifactId", v."accountId", v."decision", CASE WHEN v."source" = 'review' THEN v."durationMs" END AS "durationMs",
                 to_char(v."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "day"
          FROM "VerdictEvent" v WHERE v."projectId" = ${projectId} ORDER BY v."artifactId", v."accountId", v."createdAt", v."id"`,
    );
    const items = t
      .stream(
        Item,
        sql`SELECT a."id", a."kind", a."flavor", a."platform",
                   CASE WHEN st."status" IN ('accepted', 'rejected') THEN st."finalDecision" END AS "finalDecision", CASE WHEN a."isGold" THEN a."goldDecision" END AS "goldDecision"
            FROM "Artifact" a JOIN "ArtifactState" st ON st."projectId" = a."projectId" AND st."artifactId" = a."id" WHERE a."projectId" = ${projectId}
              AND EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."id")
            ORDER BY a."id"`,
      )
      [Symbol.asyncIterator]();

    const weeks = new Map<string, string>(); // the week of each day seen
    let events: Row[] = [];
    let item: (ItemMeta & { final: string | null; gold: string | null }) | null = null;
    const finish = () => {
      const live = latestPerAnnotator(events);
      if (!item || live.length === 0) return;
      let latest = "";
      const ratings: { annotator: string; label: string }[] = [];
      for (const v of live) {
        const label = labelOf(v.decision as Decision, mode);
        ratings.push({ annotator: String(v.accountId), label });
        if (v.day > latest) latest = v.day;
        const t = tallyOf(v.accountId);
        t.verdicts++;
        if (label === "reject") t.rejects++;
        if (item.gold) {
          t.gold++;
          if (label === item.gold) t.goldCorrect++;
        }
        if (item.final) {
          t.final++;
          if (label === item.final) t.finalAgree++;
        }
        t.days.add(v.day);
        if (v.durationMs !== null) t.durations.push(v.durationMs);
      }
      builder.unit(live[0].artifactId, ratings);
      verdicts += live.length;
      let week = weeks.get(latest);
      if (week === undefined) weeks.set(latest, (week = weekStart(latest)));
      meta.push({ kind: item.kind, flavor: item.flavor, platform: item.platform, week });
    };
    for await (const r of rows) {
      if (events.length && events[0].artifactId !== r.artifactId) {
        finish();
        events = [];
      }
      if (!events.length) {
        const next = await items.next();
        // both cursors sort the same ids by the same collation, so the next item is this verdict's
        if (next.done || next.value.id !== r.artifactId) throw new Error(`agreement: the items and their verdicts came in different orders at ${r.artifactId}`);
        const a = next.value;
        item = {
          kind: a.kind,
          flavor: a.flavor,
          platform: a.platform,
          week: "",
          final: a.finalDecision ? labelOf(a.finalDecision as Decision, mode) : null,
          gold: a.goldDecision ? labelOf(a.goldDecision as Decision, mode) : null,
        };
      }
      events.push(r);
    }
    finish();
    await items.return?.();
  });

  const d = builder.build(); // units in the order items were finished: meta.of(dim, u) describes unit u
  const pairable: number[] = [];
  for (let u = 0; u < d.units.length; u++) if (d.unitStart[u + 1] - d.unitStart[u] >= 2) pairable.push(u);
  const all = selectUnits(d, pairable);

  const groups: Record<SliceDimension, Map<string, number[]>> = { kind: new Map(), flavor: new Map(), platform: new Map(), week: new Map() };
  for (const u of pairable) {
    for (const dim of SLICE_DIMENSIONS) {
      const key = meta.of(dim, u);
      if (key === null) continue;
      const list = groups[dim].get(key);
      if (list) list.push(u);
      else groups[dim].set(key, [u]);
    }
  }
  // progress in units bootstrapped: the overall report, then every slice
  const work = pairable.length + SLICE_DIMENSIONS.reduce((n, dim) => n + [...groups[dim].values()].reduce((m, l) => m + l.length, 0), 0);
  let done = 0;
  const report = (data: typeof d) => {
    const r = agreementReport(data, { resamples: opts.resamples, seed: opts.seed, onProgress: (i, total) => opts.onProgress?.(done + Math.floor((data.units.length * i) / total), work) });
    done += data.units.length;
    opts.onProgress?.(done, work);
    return r;
  };
  const overall = report(all);
  const slices = Object.fromEntries(
    SLICE_DIMENSIONS.map((dim) => [dim, [...groups[dim]].sort((a, b) => a[0].localeCompare(b[0])).map(([key, units]) => ({ key, report: report(selectUnits(d, units)) }))]),
  ) as Record<SliceDimension, AgreementSlice[]>;

  const annotators = d.annotators.map((id) => ({ id: Number(id), email: tallies.get(Number(id))?.email ?? `account ${id}` }));
  const quality = annotatorQuality(
    [...tallies.values()]
      .map(({ days, durations, ...t }) => ({ ...t, activeDays: days.size, medianSeconds: durations.length ? median(durations.view())! / 1000 : null, timed: durations.length }))
      .sort((a, b) => a.email.localeCompare(b.email)),
  );
  return {
    verdictCursor,
    verdictSnapshot,
    result: {
      labelMode: mode,
      verdicts,
      items: d.units.length,
      pairableItems: pairable.length,
      annotators,
      overall,
      slices,
      pairs: pairwiseKappas(all),
      labelPairs: labelPairCounts(all),
      quality,
      seconds: +((performance.now() - started) / 1000).toFixed(2),
    },
  };
}
