import "server-only";
import { z } from "zod";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { textFields } from "../../domain/highlights";
import { LeakageScan, type LeakageMember, type LeakageReport } from "../../domain/leakage";
import { datasetCard, datasetInfo } from "../../domain/sft/dataset-card";
import { DEFAULT_VERSIONS, SFT_TASKS, type TemplateVersions } from "../../domain/sft/templates";
import { templatesAt } from "../projects/prompt-templates";
import { unpackScores } from "../../domain/qc/packed-scores";
import { evaluate } from "../../domain/qc/rule-set";
import { ruleSetVersion } from "../qc/rule-sets";
import { userRecords, type FinalArtifact } from "../../domain/sft/records";
import { SPLITS, type Ratios, type Split } from "../../domain/splits";
import { tsvLine } from "../../domain/spreadsheet-cell";
import { AppError } from "../../errors";
import { db, type Db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { type FileSink, SinkGroup } from "./file-sink";
import { privateDir, writePrivateFile } from "../../private-files";
import { membersByUser, splitMembers, type Member } from "./split-members";
import type { ExportedFile } from "../../views/splits";
import { verdictEventColumns } from "../verdict-event-columns";
import { exportWarnings } from "../../domain/export-warnings";

export interface ExportResult {
  files: ExportedFile[];
  /** records per split and source (`platform.task`) */
  records: Record<Split, Record<string, number>>;
  manifest: Manifest;
  leakage: LeakageReport;
}

export interface Manifest {
  project: string;
  version: number;
  seed: string;
  ratios: Ratios;
  /** artifacts.tsv lists every artifact id with its split and content hash; its sha256 is among `files` */
  artifacts: number;
  counts: Record<Split, { kind: Record<string, number>; platform: Record<string, number> }>;
  files: ExportedFile[];
}

/** Thrown when the leakage report is not clean: the export is refused and the offenders listed. */
export class LeakageError extends AppError {
  constructor(readonly report: LeakageReport) {
    super(
      "conflict",
      `The splits leak: ${report.sharedUsers.length} shared users, ${report.sharedPosts.length} shared posts, ${report.duplicateTexts.length} duplicate texts. Nothing was exported.`,
      report,
    );
  }

  /** The offenders, one line each, up to `limit` of each kind. */
  offenders(limit: number): string[] {
    const r = this.report;
    return (
      [
        ["user", r.sharedUsers],
        ["post", r.sharedPosts],
        ["duplicate text", r.duplicateTexts],
      ] as const
    ).flatMap(([what, list]) => list.slice(0, limit).map((o) => `shared ${what} ${o.key}: in ${o.splits.join(" and ")} (artifacts ${o.artifactIds.join(", ")})`));
  }
}

const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);

/**
 * Exports a split version to `outDir`: train/validation/test.jsonl (chat records), verdicts.jsonl
 * (the verdict feed up to the version's cursor), dataset_info.json, manifest.json and README.md.
 * A leakage report, made in the same pass, refuses the export unless clean. Everything comes from the
 * version's snapshot in a fixed order, with nothing that depends on when it runs, so exporting a
 * version twice gives byte-identical files. Files are written line by line: memory stays flat. They
 * are mode 600; `outDir` is made 700 when it is new (one that exists is the caller's to keep).
 */
const VersionRow = row({
  id: col.int,
  seed: col.text,
  ratiosJson: col.text,
  status: col.text,
  verdictCursor: col.int,
  templatesJson: col.text.nullable(),
  ruleSetVersion: col.int,
  name: col.text,
});
export async function exportSplitVersion(projectId: number, version: number, outDir: string, opts: { db?: Db; onProgress?: (done: number, total: number) => void } = {}): Promise<ExportResult> {
  const q = opts.db ?? db();
  const v = await q.maybe(
    VersionRow,
    sql`SELECT v."id", v."seed", v."ratiosJson", v."status", v."verdictCursor", v."templatesJson", v."ruleSetVersion", p."name" FROM "SplitVersion" v JOIN "Project" p ON p."id" = v."projectId"
        WHERE v."projectId" = ${projectId} AND v."version" = ${version}`,
  );
  if (!v) throw new AppError("not_found", `Project ${projectId} has no split version ${version}.`);
  const { n: total } = await q.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "SplitMember" WHERE "splitVersionId" = ${v.id}`);

  // the templates the version pinned when it was made (the defaults for versions made before templates were versioned)
  const versions = v.templatesJson ? (JSON.parse(v.templatesJson) as TemplateVersions) : DEFAULT_VERSIONS;
  const templates = await templatesAt(projectId, versions, q);
  const ruleSet = await ruleSetVersion(projectId, v.ruleSetVersion, q);
  // written into a directory of its own and moved into outDir once complete: a refused or failed
  // export leaves nothing behind, and no reader sees half a file
  privateDir(outDir, { fixExisting: false });
  const staging = fs.mkdtempSync(path.join(outDir, ".partial-"));
  const open = new SinkGroup();
  try {
    const sinks = Object.fromEntries(SPLITS.map((s) => [s, open.open(staging, `${s}.jsonl`)])) as Record<Split, FileSink>;
    const records: Record<Split, Record<string, number>> = { train: {}, validation: {}, test: {} };
    const counts: Manifest["counts"] = { train: { kind: {}, platform: {} }, validation: { kind: {}, platform: {} }, test: { kind: {}, platform: {} } };
    const listed = open.open(staging, "artifacts.tsv");
    listed.write(tsvLine(["artifact_id", "split", "content_sha256", "rule_outcome"]));
    // the leakage report is made in the same pass; a leak refuses the export at the end
    const scan = new LeakageScan();
    let done = 0;
    for await (const { members: group, posts } of membersByUser(q, projectId, v.id)) {
      const split = group[0].split;
      const artifacts = group.map(toFinal);
      group.forEach((m, i) => {
        scan.add(leakageMember(m, artifacts[i]));
        const rule = evaluate(ruleSet.rules, { kind: m.kind, flavor: m.flavor, scores: m.scoresPacked === null ? null : unpackScores(m.scoresPacked), flags: m.flags ?? 0 }).outcome;
        listed.write(tsvLine([m.artifactId, split, m.contentHash, rule]));
        bump(counts[split].kind, m.kind);
        bump(counts[split].platform, m.platform);
      });
      for (const r of userRecords(templates, artifacts, posts)) {
        sinks[split].line(r);
        bump(records[split], r.source);
      }
      done += group.length;
      opts.onProgress?.(done, total);
    }
    const files: ExportedFile[] = [...SPLITS.map((s) => sinks[s].close()), listed.close()];
    const leakage = await scan.report(async function* () {
      for await (const m of splitMembers(q, v.id)) yield leakageMember(m, toFinal(m));
    });
    if (!leakage.clean) throw new LeakageError(leakage);

    files.push(await writeVerdictFeed(q, projectId, v.id, v.verdictCursor, open.open(staging, "verdicts.jsonl")));
    const info = open.open(staging, "dataset_info.json");
    info.write(
      datasetInfoText(
        v.name,
        SPLITS.filter((s) => Object.keys(records[s]).length > 0),
      ),
    );
    files.push(info.close());

    const ratios = JSON.parse(v.ratiosJson) as Ratios;
    const manifest: Manifest = { project: v.name, version, seed: v.seed, ratios, artifacts: total, counts, files };
    const manifestText = `${JSON.stringify(manifest)}\n`;
    writePrivateFile(path.join(staging, "manifest.json"), manifestText);
    const card = datasetCard({
      project: v.name,
      version,
      seed: v.seed,
      ratios,
      status: v.status,
      rules: `rule set v${ruleSet.version}${ruleSet.note ? ` (${ruleSet.note})` : ""}; artifacts.tsv gives each artifact's outcome under it`,
      templates: SFT_TASKS.map((task) => ({ task, version: versions[task] ?? 1, template: templates[task] })),
      manifestSha256: createHash("sha256").update(manifestText).digest("hex"),
      records,
      artifacts: counts,
      warnings: exportWarnings({ records }),
    });
    writePrivateFile(path.join(staging, "README.md"), card);
    for (const name of fs.readdirSync(staging)) fs.renameSync(path.join(staging, name), path.join(outDir, name));
    return { files, records, manifest, leakage };
  } finally {
    open.abandonAll();
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** What the leakage report needs of a member: its user, cited posts and the text that trains. */
function leakageMember(m: Member, a: FinalArtifact): LeakageMember {
  return {
    artifactId: m.artifactId,
    uid: m.uid,
    split: m.split,
    postIds: a.postIds,
    text: textFields(a.content)
      .map((f) => f.text)
      .join("\n"),
  };
}

function toFinal(m: Member): FinalArtifact {
  return { id: m.artifactId, uid: m.uid, platform: m.platform, kind: m.kind, flavor: m.flavor, content: JSON.parse(m.contentJson), postIds: JSON.parse(m.postIdsJson) };
}

/** dataset_info.json as an export writes it: the splits named are those with records. */
export function datasetInfoText(project: string, splits: readonly Split[]): string {
  return `${JSON.stringify(datasetInfo(slug(project), splits), null, 2)}\n`;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "dataset"
  );
}

/**
 * One line per verdict event the version's transaction could see (up to its cursor), for training QC filters: the decision with the judge's
 * scores beside it. Annotators appear by account id: stable (an email can change) and pseudonymous.
 */
const FeedRow = row({
  ...verdictEventColumns,
  accountId: col.int,
  reasons: col.json(z.unknown()),
  kind: col.text,
  flavor: col.text.nullable(),
  scores: col.json(z.unknown()).nullable(),
});

async function writeVerdictFeed(q: Queryable, projectId: number, versionId: number, cursor: number, sink: FileSink): Promise<ExportedFile> {
  for (let after = 0; ;) {
    const rows = await q.many(
      FeedRow,
      sql`SELECT v."id", v."artifactId", v."accountId", v."decision", v."reasonsJson" AS "reasons", v."diffJson" AS "diff", v."comment", v."durationMs", v."supersedesId", v."source", v."createdAt",
                 a."kind", a."flavor", a."judgeScoresJson" AS "scores"
          FROM "VerdictEvent" v JOIN "Artifact" a ON a."projectId" = v."projectId" AND a."id" = v."artifactId"
          WHERE v."projectId" = ${projectId} AND v."id" > ${after} AND v."id" <= ${cursor}
            AND (SELECT s."verdictSnapshot" IS NULL OR pg_visible_in_snapshot(v."txid", s."verdictSnapshot") FROM "SplitVersion" s WHERE s."id" = ${versionId})
          ORDER BY v."id" LIMIT 5000`,
    );
    for (const r of rows) {
      sink.line({
        verdict_id: r.id,
        artifact_id: r.artifactId,
        kind: r.kind,
        flavor: r.flavor,
        annotator_id: r.accountId,
        decision: r.decision,
        reasons: r.reasons,
        edit_diff: r.diff,
        comment: r.comment,
        seconds: r.durationMs === null ? null : r.durationMs / 1000,
        supersedes: r.supersedesId,
        source: r.source,
        judge_scores: r.scores,
        created_at: r.createdAt,
      });
    }
    if (rows.length < 5000) break;
    after = rows[rows.length - 1].id;
  }
  return sink.close();
}
