import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { compareDisputes, disputeCase } from "@/lib/domain/dispute-case";
import { ARTIFACT_KINDS } from "@/lib/domain/kinds";
import { unpackScores } from "@/lib/domain/qc/packed-scores";
import { defaultRuleSet, judgePasses, type RuleSet } from "@/lib/domain/qc/rule-set";
import { adjudicate } from "@/lib/server/adjudication/adjudicate";
import { disputedArtifacts } from "@/lib/server/adjudication/adjudication-queue";
import { currentRuleSet, saveRuleSet } from "@/lib/server/qc/rule-sets";
import { latestPerAnnotator } from "@/lib/server/review/review-state-of";
import { sql, update, ARTIFACT_ROWS } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

const Disputed = row({ id: col.text, kind: z.enum(ARTIFACT_KINDS), flavor: col.text.nullable(), scoresPacked: col.int.nullable(), importedAt: col.date });
const Event = row({ artifactId: col.text, accountId: col.int, decision: col.text });

/** The adjudication list's order computed the slow way: every disputed artifact's live verdicts read and ranked in memory. */
async function slowOrder(projectId: number): Promise<string[]> {
  const { rules } = await currentRuleSet(projectId);
  const disputed = await db().many(
    Disputed,
    sql`SELECT "id", "kind", "flavor", "scoresPacked", "importedAt" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "status" = 'disputed'`,
  );
  const events = await db().many(Event, sql`SELECT "artifactId", "accountId", "decision" FROM "VerdictEvent" WHERE "projectId" = ${projectId} ORDER BY "createdAt", "id"`);
  const cases = disputed.map((a) => {
    const live = latestPerAnnotator(events.filter((e) => e.artifactId === a.id));
    const votes = { accepts: live.filter((e) => e.decision === "accept").length, edits: live.filter((e) => e.decision === "edit").length, rejects: live.filter((e) => e.decision === "reject").length };
    const judgePass = judgePasses(rules, { kind: a.kind, flavor: a.flavor, scores: a.scoresPacked === null ? null : unpackScores(a.scoresPacked) });
    return { id: a.id, importedAt: Date.parse(a.importedAt), ...disputeCase({ ...votes, judgePass }) };
  });
  return cases.sort((x, y) => compareDisputes(x, y) || x.importedAt - y.importedAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).map((c) => c.id);
}

const listed = async (projectId: number) => (await disputedArtifacts(projectId, { limit: 1000 })).rows.map((r) => r.id);

describe("the adjudication list kept on write", () => {
  it("orders disputes as ranking every one of them in memory does, after verdicts, rules changes and a lead's decision", async () => {
    const project = await makeProject();
    await update("Project", { id: project.id }, { overlap: 3 });
    const people = [await makeAccount(), await makeAccount(), await makeAccount(), await makeAccount()];
    const lead = await makeAccount("lead");
    const b = tinyBatch();
    const patterns = [
      ["accept", "reject", "reject"],
      ["accept", "accept", "reject"],
      ["edit", "reject", "accept"],
      ["edit", "edit", "reject"],
      ["accept", "edit", "accept"],
      ["reject", "reject", "accept"],
      ["edit", "accept", "edit"],
      ["accept", "reject", "edit"],
    ];
    const lines: object[] = [b.user, b.post];
    patterns.forEach((decisions, i) => {
      for (const variant of [0, 1, 2]) {
        const id = `${b.artifactId}-${i}-${variant}`;
        const scores = { hallucination: 9, coverage: 9, fidelity: 3 + variant * 3, novelty: 9, leakage: 9, overall: 5 + variant * 2 };
        lines.push({ ...b.artifact, id, judge: variant === 2 ? undefined : { model: "judge", scores } });
        decisions.forEach((decision, k) =>
          lines.push({
            type: "verdict",
            artifact_id: id,
            annotator: people[k].email,
            decision,
            reasons: decision === "reject" ? ["generic"] : [],
            ...(decision === "edit" ? { content: { ...b.artifact.content, answer: `Because of the knee, take ${k}.` } } : {}),
            created_at: "2026-11-20T10:00:00Z",
          }),
        );
      }
    });
    const imported = await importText(project.id, jsonl(lines));
    expect(imported.errors).toEqual([]);
    const before = await listed(project.id);
    expect(before.length).toBeGreaterThan(10);
    expect(before).toEqual(await slowOrder(project.id));
    expect((await disputedArtifacts(project.id)).total).toBe(before.length);

    // rules under which the judge passes all but the lowest fidelity (the default fails every one judged): the judge's side moves, and so does the order
    const rules: RuleSet = { ...defaultRuleSet(), pass: { ...defaultRuleSet().pass, "social_qa:why": { fidelity: 5 } } };
    await saveRuleSet(project.id, { rules }, TEST_ACTOR);
    const after = await listed(project.id);
    expect(after).toEqual(await slowOrder(project.id));
    expect(after).not.toEqual(before);

    // a lead's decision takes the artifact off the list; ranks lost (as after the upgrade) are made again
    await adjudicate(project.id, { actorId: lead.id, actorLabel: lead.email }, { artifactId: after[0], decision: "accept", note: "fine" });
    const one = after[after.length - 1];
    await db().exec(sql`UPDATE "Dispute" SET "rank" = 9000000000000000, "rankedWith" = NULL WHERE "projectId" = ${project.id} AND "artifactId" = ${one}`);
    expect(await listed(project.id)).toEqual(after.slice(1));
    await db().exec(sql`UPDATE "Dispute" SET "rank" = 9000000000000000, "rankedWith" = "rankedWith" + 1 WHERE "projectId" = ${project.id} AND "artifactId" = ${one}`);
    expect(await listed(project.id)).toEqual(after.slice(1));
    await db().exec(sql`UPDATE "Dispute" SET "rank" = NULL, "rankedWith" = NULL WHERE "projectId" = ${project.id}`);
    expect(await listed(project.id)).toEqual(after.slice(1));
    expect((await disputedArtifacts(project.id)).total).toBe(after.length - 1);

    // rows lost altogether (a restore of a backup from before them) are filled again from the verdicts
    await db().exec(sql`DELETE FROM "Dispute" WHERE "projectId" = ${project.id}`);
    await db().exec(sql`SELECT workbench_fill_disputes()`);
    expect(await listed(project.id)).toEqual(after.slice(1));
  });
});
