import { describe, expect, it } from "vitest";
import { defaultRuleSet, type RuleSet } from "@/lib/domain/qc/rule-set";
import { QUEUE_RANK } from "@/lib/domain/qc/queue-rank";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { applyTriage } from "@/lib/server/qc/apply-triage";
import { calibrate } from "@/lib/server/qc/calibration";
import { saveRuleSet } from "@/lib/server/qc/rule-sets";
import { listItems } from "@/lib/server/items/list-items";
import { loadReviewItem } from "@/lib/server/review/load-review-item";
import { itemsQuery } from "@/lib/validation/items-query";
import { sql, update, ARTIFACT_ROWS } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeProject, tinyBatch } from "../helpers/factories";

const PASSING = { hallucination: 9, coverage: 9, fidelity: 9, novelty: 9, leakage: 9, overall: 9 };

/** A user, a post and three social_qa artifacts on it: one judged on the scale, one with a 0, one with a 12. */
function batch() {
  const b = tinyBatch();
  const artifact = (id: string, scores: Record<string, number>) => ({ ...b.artifact, id: `${b.artifactId}-${id}`, judge: { model: "judge", scores } });
  return {
    ids: { onScale: `${b.artifactId}-on`, zero: `${b.artifactId}-zero`, twelve: `${b.artifactId}-twelve` },
    lines: [b.user, b.post, artifact("on", PASSING), artifact("zero", { ...PASSING, leakage: 0 }), artifact("twelve", { ...PASSING, overall: 12 })],
  };
}

const Stored = row({ id: col.text, judgeScoresJson: col.text, judgeMin: col.int, judgeOverall: col.int, status: col.text, triageRoute: col.text.nullable(), queueRank: col.int });

describe("a judge score off the 1-10 scale", () => {
  it("is stored as given, shown, found, and leaves its artifact to people: triage and calibration never decide by it", async () => {
    const { id: projectId } = await makeProject();
    const { ids, lines } = batch();
    const imported = await importText(projectId, jsonl(lines));
    expect(imported.errors).toEqual([]);

    const stored = async () =>
      new Map(
        (
          await db().many(
            Stored,
            sql`SELECT "id", "judgeScoresJson", "judgeMin", "judgeOverall", "status", "triageRoute", "queueRank" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} ORDER BY "id"`,
          )
        ).map((r) => [r.id, r]),
      );
    const before = await stored();
    expect(JSON.parse(before.get(ids.zero)!.judgeScoresJson)).toEqual({ ...PASSING, leakage: 0 });
    expect(before.get(ids.zero)!.judgeMin).toBe(0);
    expect(before.get(ids.twelve)!.judgeOverall).toBe(12);

    // the items table finds them and names their outcome
    const page = await listItems(projectId, itemsQuery.parse({ judged: "off_scale" }));
    expect(page.rows.map((r) => r.id).sort()).toEqual([ids.twelve, ids.zero].sort());
    expect(page.rows.map((r) => r.rule)).toEqual(["out_of_range", "out_of_range"]);
    expect((await listItems(projectId, itemsQuery.parse({}))).rows.find((r) => r.id === ids.onScale)!.rule).toBe("pass");

    // the review screen shows the score as the judge gave it
    const item = await loadReviewItem(db(), projectId, ids.zero, { blind: false });
    expect(item.judge!.scores).toMatchObject({ leakage: 0 });
    expect(item.judge!.rule.outcome).toBe("out_of_range");

    // rules that would accept every passing score and reject any leakage under 5 or overall under 9
    const rules: RuleSet = { ...defaultRuleSet(), reject: { "social_qa:why": { leakage: 5, overall: 9 } } };
    await saveRuleSet(projectId, { rules }, TEST_ACTOR);
    const triaged = await applyTriage(projectId, TEST_ACTOR);
    expect(triaged.routed).toEqual({ auto_accept: 1, auto_reject: 0, human: 2 });
    const after = await stored();
    // (triage notes only its own decisions; what it leaves to people is ranked in their queue, least certain first)
    for (const id of [ids.zero, ids.twelve]) expect(after.get(id)).toMatchObject({ status: "pending", triageRoute: null, queueRank: QUEUE_RANK.human });
    expect(after.get(ids.onScale)!.triageRoute).toBe("auto_accept");

    // people decide the one with a 0: calibration counts the label and leaves it out of every key
    await update("ArtifactState", { projectId, artifactId: ids.zero }, { status: "rejected", decidedBy: "annotators", finalDecision: "reject", finalizedAt: new Date(Date.now() - 1000) });
    const report = await calibrate(projectId);
    expect(report.outOfRange).toBe(1);
    expect(report.keys.reduce((n, k) => n + k.labels.accepted + k.labels.rejected, 0)).toBe(0);
  });
});
