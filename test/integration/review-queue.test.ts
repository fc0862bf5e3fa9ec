import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { skipArtifact } from "@/lib/server/review/skip-artifact";
import { submitVerdict } from "@/lib/server/review/submit-verdict";
import { undoLastVerdict } from "@/lib/server/review/undo-verdict";
import { count, rows, sql, texts, update, ARTIFACT_ROWS } from "../helpers/db";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

/** A project with `n` social_qa artifacts (one user, one post each) and its annotators. */
async function queueProject(n: number, annotators: number, settings: { overlap?: number; leaseMinutes?: number } = {}) {
  const project = await makeProject();
  await update("Project", { id: project.id }, { goldRate: 0, ...settings });
  const lines: object[] = [];
  for (let i = 0; i < n; i++) {
    const b = tinyBatch();
    lines.push(b.user, b.post, b.artifact);
  }
  const result = await importText(project.id, jsonl(lines));
  expect(result.ok).toBe(true);
  const accounts = [];
  for (let i = 0; i < annotators; i++) accounts.push(await makeAccount("annotator"));
  return { projectId: project.id, accounts };
}

const actor = (a: { id: number; email: string }) => ({ actorId: a.id, actorLabel: a.email });
const minutes = (base: Date, m: number) => new Date(base.getTime() + m * 60_000);
const accept = (artifactId: string) => ({ artifactId, decision: "accept" as const });

describe("claimNextArtifact", () => {
  it("gives each artifact to at most `overlap` annotators at once, and an expired lease frees its place", async () => {
    const {
      projectId,
      accounts: [a, b, c],
    } = await queueProject(2, 3, { overlap: 2, leaseMinutes: 15 });
    const t0 = new Date("2026-11-27T10:00:00Z");
    const first = (await claimNextArtifact(projectId, a.id, { now: t0 }))!;
    expect((await claimNextArtifact(projectId, b.id, { now: t0 }))!.artifactId).toBe(first.artifactId);
    const third = (await claimNextArtifact(projectId, c.id, { now: t0 }))!;
    expect(third.artifactId).not.toBe(first.artifactId);
    await skipArtifact(projectId, c.id, third.artifactId, { now: t0 });
    // the first artifact is full (a and b hold it), so the one C skipped is all that is left: it comes back
    expect((await claimNextArtifact(projectId, c.id, { now: minutes(t0, 1) }))!.artifactId).toBe(third.artifactId);
    await skipArtifact(projectId, c.id, third.artifactId, { now: minutes(t0, 1) });
    // after 16 minutes a's and b's leases have run out: their places are free again
    const later = (await claimNextArtifact(projectId, c.id, { now: minutes(t0, 16) }))!;
    expect(later.artifactId).toBe(first.artifactId);
  });

  it("resumes the lease an annotator already holds instead of handing out another", async () => {
    const {
      projectId,
      accounts: [a],
    } = await queueProject(3, 1);
    const t0 = new Date();
    const first = (await claimNextArtifact(projectId, a.id, { now: t0 }))!;
    expect(await claimNextArtifact(projectId, a.id, { now: minutes(t0, 1) })).toMatchObject({ artifactId: first.artifactId, resumed: true });
  });

  it("never hands an annotator an artifact twice, and says when the queue is empty", async () => {
    const {
      projectId,
      accounts: [a],
    } = await queueProject(3, 1);
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const claim = (await claimNextArtifact(projectId, a.id))!;
      expect(seen.has(claim.artifactId)).toBe(false);
      seen.add(claim.artifactId);
      await submitVerdict(projectId, actor(a), accept(claim.artifactId));
    }
    expect(await claimNextArtifact(projectId, a.id)).toBeNull();
  });

  it("holds under 20 concurrent annotators in 4 processes: every artifact gets exactly `overlap` distinct verdicts", async () => {
    const { projectId, accounts } = await queueProject(500, 20, { overlap: 2 });
    const groups = [0, 1, 2, 3].map((g) =>
      accounts
        .filter((_, i) => i % 4 === g)
        .map((a) => a.id)
        .join(","),
    );
    const runs = await Promise.all(
      groups.map(
        (ids) =>
          new Promise<{ verdicts: number; refused: number }>((resolve, reject) => {
            const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/helpers/claim-worker.ts", process.env.DATABASE_URL!, String(projectId), ids]);
            let out = "";
            let err = "";
            child.stdout.on("data", (d) => (out += d));
            child.stderr.on("data", (d) => (err += d));
            child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))));
          }),
      ),
    );
    expect(runs.reduce((n, r) => n + r.verdicts, 0)).toBe(1000);
    expect(runs.reduce((n, r) => n + r.refused, 0)).toBe(0);
    const perArtifact = (
      await rows(sql`SELECT a."id", a."status", COUNT(v."id") AS "n", COUNT(DISTINCT v."accountId") AS "who" FROM ${ARTIFACT_ROWS} a
                     LEFT JOIN "VerdictEvent" v ON v."projectId" = a."projectId" AND v."artifactId" = a."id" WHERE a."projectId" = ${projectId} GROUP BY a."id", a."status"`)
    ).map((r) => ({ status: r.status, n: Number(r.n), who: Number(r.who) }));
    expect(perArtifact).toHaveLength(500);
    expect(perArtifact.every((r) => r.n === 2 && r.who === 2 && r.status !== "pending" && r.status !== "in_review")).toBe(true);
  }, 120_000);
});

describe("gold artifacts", () => {
  it("are mixed in at the gold rate, once per annotator, whatever the overlap, and never in the normal queue", async () => {
    const {
      projectId,
      accounts: [a, b],
    } = await queueProject(3, 2, { overlap: 1 });
    const [gold] = await texts(sql`SELECT "id" AS "v" FROM "Artifact" WHERE "projectId" = ${projectId} ORDER BY "id" LIMIT 1`);
    await update("Artifact", { projectId, id: gold }, { isGold: true, goldDecision: "accept" });
    const always = { random: () => 0 };
    const never = { random: () => 0.99 };
    await update("Project", { id: projectId }, { goldRate: 0.5 });

    const first = (await claimNextArtifact(projectId, a.id, always))!;
    expect(first).toMatchObject({ artifactId: gold, gold: true });
    await submitVerdict(projectId, actor(a), accept(gold));
    // b gets the same gold artifact although its overlap of 1 is reached
    expect(await claimNextArtifact(projectId, b.id, always)).toMatchObject({ artifactId: gold, gold: true });
    // a has done it: the gold draw falls back to the normal queue, which never holds gold
    const next = (await claimNextArtifact(projectId, a.id, always))!;
    expect(next).toMatchObject({ gold: false });
    expect(next.artifactId).not.toBe(gold);
    await submitVerdict(projectId, actor(a), accept(next.artifactId));
    const third = (await claimNextArtifact(projectId, a.id, never))!;
    expect(third.artifactId).not.toBe(gold);
  });
});

describe("submitVerdict, skip and undo", () => {
  it("moves an artifact through in review to accepted, rejected or disputed", async () => {
    const {
      projectId,
      accounts: [a, b, c, d],
    } = await queueProject(2, 4, { overlap: 2 });
    const x = (await claimNextArtifact(projectId, a.id))!.artifactId;
    expect((await submitVerdict(projectId, actor(a), accept(x))).state.status).toBe("in_review");
    await claimNextArtifact(projectId, b.id);
    expect(
      (
        await submitVerdict(projectId, actor(b), {
          artifactId: x,
          decision: "edit",
          reasons: ["pii"],
          content: { scenario: "PersonA ran a long race.", question: "Why does PersonA rest?", answer: "Because PersonA's knee hurts." },
        })
      ).state,
    ).toMatchObject({
      status: "accepted",
      finalDecision: "edit",
    });
    const y = (await claimNextArtifact(projectId, c.id))!.artifactId;
    await submitVerdict(projectId, actor(c), accept(y));
    await claimNextArtifact(projectId, d.id);
    expect((await submitVerdict(projectId, actor(d), { artifactId: y, decision: "reject", reasons: ["hallucination"] })).state.status).toBe("disputed");
  });

  it("keeps the edit's diff and refuses edits that change nothing or break the kind's shape", async () => {
    const {
      projectId,
      accounts: [a],
    } = await queueProject(1, 1);
    const x = (await claimNextArtifact(projectId, a.id))!.artifactId;
    const same = { scenario: "PersonA ran a long race.", question: "Why does PersonA rest?", answer: "Because the knee hurts." };
    await expect(submitVerdict(projectId, actor(a), { artifactId: x, decision: "edit", reasons: ["other"], content: same })).rejects.toThrow("changes nothing");
    await expect(submitVerdict(projectId, actor(a), { artifactId: x, decision: "edit", reasons: ["other"], content: { text: "x" } })).rejects.toThrow("not a valid social_qa");
    await expect(submitVerdict(projectId, actor(a), { artifactId: x, decision: "reject" })).rejects.toThrow("Choose at least one reason");
    const { verdictId } = await submitVerdict(projectId, actor(a), {
      artifactId: x,
      decision: "edit",
      reasons: ["other"],
      content: { ...same, answer: "Because the knee hurts after 20k." },
      durationMs: 4200,
    });
    const [stored] = await rows(sql`SELECT "diffJson", "durationMs" FROM "VerdictEvent" WHERE "id" = ${verdictId}`);
    expect(JSON.parse(String(stored.diffJson))).toEqual([{ field: "answer", before: "Because the knee hurts.", after: "Because the knee hurts after 20k." }]);
    expect(Number(stored.durationMs)).toBe(4200);
  });

  it("undoes the last verdict with a superseding event while its lease is live, and not after", async () => {
    const {
      projectId,
      accounts: [a, b],
    } = await queueProject(2, 2, { overlap: 1, leaseMinutes: 15 });
    const t0 = new Date("2026-11-27T12:00:00Z");
    const x = (await claimNextArtifact(projectId, a.id, { now: t0 }))!.artifactId;
    expect((await submitVerdict(projectId, actor(a), { artifactId: x, decision: "reject", reasons: ["generic"] }, { now: minutes(t0, 1) })).state.status).toBe("rejected");
    const undone = await undoLastVerdict(projectId, actor(a), { now: minutes(t0, 2) });
    expect(undone).toMatchObject({ artifactId: x, state: { status: "pending", verdictCount: 0 } });
    // the lease is open again: the annotator resumes the same artifact and nobody else can take it
    expect(await claimNextArtifact(projectId, a.id, { now: minutes(t0, 3) })).toMatchObject({ artifactId: x, resumed: true });
    expect((await claimNextArtifact(projectId, b.id, { now: minutes(t0, 3) }))!.artifactId).not.toBe(x);
    await submitVerdict(projectId, actor(a), accept(x), { now: minutes(t0, 4) });
    const events = await rows(sql`SELECT "id", "decision", "supersedesId" FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "artifactId" = ${x} ORDER BY "id"`);
    expect(events.map((e) => e.decision)).toEqual(["reject", "retract", "accept"]);
    expect(Number(events[1].supersedesId)).toBe(Number(events[0].id));
    await expect(undoLastVerdict(projectId, actor(a), { now: minutes(t0, 30) })).rejects.toThrow("can no longer be undone");
  });

  it("refuses a verdict on an artifact the queue did not hand out, or handed back by a skip", async () => {
    const {
      projectId,
      accounts: [a, b],
    } = await queueProject(2, 2, { overlap: 2, leaseMinutes: 15 });
    const x = (await claimNextArtifact(projectId, a.id))!.artifactId;
    const [other] = await texts(sql`SELECT "id" AS "v" FROM "Artifact" WHERE "projectId" = ${projectId} AND "id" <> ${x}`);
    await expect(submitVerdict(projectId, actor(a), accept(other))).rejects.toThrow("The queue has not given you this artifact");
    await expect(submitVerdict(projectId, actor(b), accept(x))).rejects.toThrow("The queue has not given you this artifact");
    await skipArtifact(projectId, a.id, x);
    await expect(submitVerdict(projectId, actor(a), accept(x))).rejects.toThrow("The queue has not given you this artifact");
    expect(await count(sql`SELECT COUNT(*) FROM "VerdictEvent" WHERE "projectId" = ${projectId}`)).toBe(0);
  });

  it("takes a verdict on one's own lease that ran out while nobody else was handed the artifact", async () => {
    const {
      projectId,
      accounts: [a],
    } = await queueProject(1, 1, { overlap: 1, leaseMinutes: 15 });
    const t0 = new Date("2026-11-27T12:00:00Z");
    const x = (await claimNextArtifact(projectId, a.id, { now: t0 }))!.artifactId;
    expect((await submitVerdict(projectId, actor(a), accept(x), { now: minutes(t0, 40) })).state.status).toBe("accepted");
  });

  it("refuses a verdict whose lease ran out after others took the places", async () => {
    const {
      projectId,
      accounts: [a, b],
    } = await queueProject(1, 2, { overlap: 1, leaseMinutes: 15 });
    const t0 = new Date("2026-11-27T12:00:00Z");
    const x = (await claimNextArtifact(projectId, a.id, { now: t0 }))!.artifactId;
    expect((await claimNextArtifact(projectId, b.id, { now: minutes(t0, 16) }))!.artifactId).toBe(x);
    await expect(submitVerdict(projectId, actor(a), accept(x), { now: minutes(t0, 17) })).rejects.toThrow("ran out");
    expect((await submitVerdict(projectId, actor(b), accept(x), { now: minutes(t0, 18) })).state.status).toBe("accepted");
  });
});

describe("loadReviewItem", () => {
  it("shows every cited post, even one later than the first 200 of the user's timeline, cited first in the artifact's order", async () => {
    const { loadReviewItem } = await import("@/lib/server/review/load-review-item");
    const { db } = await import("@/lib/db/client");
    const project = await makeProject();
    const b = tinyBatch();
    const posts = Array.from({ length: 205 }, (_, i) => ({ ...b.post, id: `${b.postId}_${i}`, created_at: new Date(Date.UTC(2019, 0, 1) + i * 86_400_000).toISOString(), text: `post ${i}` }));
    const cites = [posts[204].id, posts[3].id];
    const result = await importText(project.id, jsonl([b.user, ...posts, { ...b.artifact, source_post_ids: cites }]));
    expect(result.ok).toBe(true);
    const item = await loadReviewItem(db(), project.id, b.artifactId, { blind: false });
    expect(item.posts.filter((p) => p.cited).map((p) => p.id)).toEqual(cites);
    expect(item.posts.slice(0, 2).map((p) => p.id)).toEqual(cites);
    expect(item.posts.filter((p) => !p.cited).map((p) => p.text)).toEqual(
      posts
        .slice(0, 200)
        .filter((p) => !cites.includes(p.id))
        .map((p) => p.text),
    );
    expect(item.judge?.rule.version).toBe(1);
  });
});
