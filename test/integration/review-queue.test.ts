import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { skipArtifact } from "@/lib/server/review/skip-artifact";
import { submitVerdict } from "@/lib/server/review/submit-verdict";
import { undoLastVerdict } from "@/lib/server/review/undo-verdict";
import { openSqlite } from "@/lib/server/sqlite";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

/** A project with `n` social_qa artifacts (one user, one post each) and its annotators. */
async function queueProject(n: number, annotators: number, settings: { overlap?: number; leaseMinutes?: number } = {}) {
  const project = await makeProject();
  await prisma.project.update({ where: { id: project.id }, data: { goldRate: 0, ...settings } });
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
    const { projectId, accounts: [a, b, c] } = await queueProject(2, 3, { overlap: 2, leaseMinutes: 15 });
    const t0 = new Date("2026-11-27T10:00:00Z");
    const first = claimNextArtifact(projectId, a.id, { now: t0 })!;
    expect(claimNextArtifact(projectId, b.id, { now: t0 })!.artifactId).toBe(first.artifactId);
    const third = claimNextArtifact(projectId, c.id, { now: t0 })!;
    expect(third.artifactId).not.toBe(first.artifactId);
    skipArtifact(projectId, c.id, third.artifactId, { now: t0 });
    // the first artifact is full (a and b hold it), so the one C skipped is all that is left: it comes back
    expect(claimNextArtifact(projectId, c.id, { now: minutes(t0, 1) })!.artifactId).toBe(third.artifactId);
    skipArtifact(projectId, c.id, third.artifactId, { now: minutes(t0, 1) });
    // after 16 minutes a's and b's leases have run out: their places are free again
    const later = claimNextArtifact(projectId, c.id, { now: minutes(t0, 16) })!;
    expect(later.artifactId).toBe(first.artifactId);
  });

  it("resumes the lease an annotator already holds instead of handing out another", async () => {
    const { projectId, accounts: [a] } = await queueProject(3, 1);
    const t0 = new Date();
    const first = claimNextArtifact(projectId, a.id, { now: t0 })!;
    expect(claimNextArtifact(projectId, a.id, { now: minutes(t0, 1) })).toMatchObject({ artifactId: first.artifactId, resumed: true });
  });

  it("never hands an annotator an artifact twice, and says when the queue is empty", async () => {
    const { projectId, accounts: [a] } = await queueProject(3, 1);
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const claim = claimNextArtifact(projectId, a.id)!;
      expect(seen.has(claim.artifactId)).toBe(false);
      seen.add(claim.artifactId);
      submitVerdict(projectId, actor(a), accept(claim.artifactId));
    }
    expect(claimNextArtifact(projectId, a.id)).toBeNull();
  });

  it("holds under 20 concurrent annotators in 4 processes: every artifact gets exactly `overlap` distinct verdicts", async () => {
    const { projectId, accounts } = await queueProject(500, 20, { overlap: 2 });
    const groups = [0, 1, 2, 3].map((g) => accounts.filter((_, i) => i % 4 === g).map((a) => a.id).join(","));
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
    const db = openSqlite(process.env.DATABASE_URL);
    const perArtifact = db
      .prepare(`SELECT a.id, a.status, COUNT(v.id) AS n, COUNT(DISTINCT v.accountId) AS who FROM Artifact a LEFT JOIN VerdictEvent v ON v.projectId = a.projectId AND v.artifactId = a.id WHERE a.projectId = ? GROUP BY a.id`)
      .all(projectId) as { status: string; n: number; who: number }[];
    db.close();
    expect(perArtifact).toHaveLength(500);
    expect(perArtifact.every((r) => r.n === 2 && r.who === 2 && r.status !== "pending" && r.status !== "in_review")).toBe(true);
  }, 120_000);
});

describe("gold artifacts", () => {
  it("are mixed in at the gold rate, once per annotator, whatever the overlap, and never in the normal queue", async () => {
    const { projectId, accounts: [a, b] } = await queueProject(3, 2, { overlap: 1 });
    const [gold] = (await prisma.artifact.findMany({ where: { projectId }, orderBy: { id: "asc" }, take: 1 })).map((x) => x.id);
    await prisma.artifact.update({ where: { projectId_id: { projectId, id: gold } }, data: { isGold: true, goldDecision: "accept" } });
    const always = { random: () => 0 };
    const never = { random: () => 0.99 };
    await prisma.project.update({ where: { id: projectId }, data: { goldRate: 0.5 } });

    const first = claimNextArtifact(projectId, a.id, always)!;
    expect(first).toMatchObject({ artifactId: gold, gold: true });
    submitVerdict(projectId, actor(a), accept(gold));
    // b gets the same gold artifact although its overlap of 1 is reached
    expect(claimNextArtifact(projectId, b.id, always)).toMatchObject({ artifactId: gold, gold: true });
    // a has done it: the gold draw falls back to the normal queue, which never holds gold
    const next = claimNextArtifact(projectId, a.id, always)!;
    expect(next).toMatchObject({ gold: false });
    expect(next.artifactId).not.toBe(gold);
    submitVerdict(projectId, actor(a), accept(next.artifactId));
    const third = claimNextArtifact(projectId, a.id, never)!;
    expect(third.artifactId).not.toBe(gold);
  });
});

describe("submitVerdict, skip and undo", () => {
  it("moves an artifact through in review to accepted, rejected or disputed", async () => {
    const { projectId, accounts: [a, b, c, d] } = await queueProject(2, 4, { overlap: 2 });
    const x = claimNextArtifact(projectId, a.id)!.artifactId;
    expect(submitVerdict(projectId, actor(a), accept(x)).state.status).toBe("in_review");
    claimNextArtifact(projectId, b.id);
    expect(submitVerdict(projectId, actor(b), { artifactId: x, decision: "edit", reasons: ["pii"], content: { scenario: "PersonA ran a long race.", question: "Why does PersonA rest?", answer: "Because PersonA's knee hurts." } }).state).toMatchObject({
      status: "accepted",
      finalDecision: "edit",
    });
    const y = claimNextArtifact(projectId, c.id)!.artifactId;
    submitVerdict(projectId, actor(c), accept(y));
    claimNextArtifact(projectId, d.id);
    expect(submitVerdict(projectId, actor(d), { artifactId: y, decision: "reject", reasons: ["hallucination"] }).state.status).toBe("disputed");
  });

  it("keeps the edit's diff and refuses edits that change nothing or break the kind's shape", async () => {
    const { projectId, accounts: [a] } = await queueProject(1, 1);
    const x = claimNextArtifact(projectId, a.id)!.artifactId;
    const same = { scenario: "PersonA ran a long race.", question: "Why does PersonA rest?", answer: "Because the knee hurts." };
    expect(() => submitVerdict(projectId, actor(a), { artifactId: x, decision: "edit", reasons: ["other"], content: same })).toThrow("changes nothing");
    expect(() => submitVerdict(projectId, actor(a), { artifactId: x, decision: "edit", reasons: ["other"], content: { text: "x" } })).toThrow("not a valid social_qa");
    expect(() => submitVerdict(projectId, actor(a), { artifactId: x, decision: "reject" })).toThrow("Choose at least one reason");
    const { verdictId } = submitVerdict(projectId, actor(a), { artifactId: x, decision: "edit", reasons: ["other"], content: { ...same, answer: "Because the knee hurts after 20k." }, durationMs: 4200 });
    const stored = await prisma.verdictEvent.findUniqueOrThrow({ where: { id: verdictId } });
    expect(JSON.parse(stored.diffJson!)).toEqual([{ field: "answer", before: "Because the knee hurts.", after: "Because the knee hurts after 20k." }]);
    expect(stored.durationMs).toBe(4200);
  });

  it("undoes the last verdict with a superseding event while its lease is live, and not after", async () => {
    const { projectId, accounts: [a, b] } = await queueProject(2, 2, { overlap: 1, leaseMinutes: 15 });
    const t0 = new Date("2026-11-27T12:00:00Z");
    const x = claimNextArtifact(projectId, a.id, { now: t0 })!.artifactId;
    expect(submitVerdict(projectId, actor(a), { artifactId: x, decision: "reject", reasons: ["generic"] }, { now: minutes(t0, 1) }).state.status).toBe("rejected");
    const undone = undoLastVerdict(projectId, actor(a), { now: minutes(t0, 2) });
    expect(undone).toMatchObject({ artifactId: x, state: { status: "pending", verdictCount: 0 } });
    // the lease is open again: the annotator resumes the same artifact and nobody else can take it
    expect(claimNextArtifact(projectId, a.id, { now: minutes(t0, 3) })).toMatchObject({ artifactId: x, resumed: true });
    expect(claimNextArtifact(projectId, b.id, { now: minutes(t0, 3) })!.artifactId).not.toBe(x);
    submitVerdict(projectId, actor(a), accept(x), { now: minutes(t0, 4) });
    const events = await prisma.verdictEvent.findMany({ where: { projectId, artifactId: x }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.decision)).toEqual(["reject", "retract", "accept"]);
    expect(events[1].supersedesId).toBe(events[0].id);
    expect(() => undoLastVerdict(projectId, actor(a), { now: minutes(t0, 30) })).toThrow("can no longer be undone");
  });

  it("refuses a verdict on an artifact the queue did not hand out, or handed back by a skip", async () => {
    const { projectId, accounts: [a, b] } = await queueProject(2, 2, { overlap: 2, leaseMinutes: 15 });
    const x = claimNextArtifact(projectId, a.id)!.artifactId;
    const other = (await prisma.artifact.findFirstOrThrow({ where: { projectId, id: { not: x } } })).id;
    expect(() => submitVerdict(projectId, actor(a), accept(other))).toThrow("The queue has not given you this artifact");
    expect(() => submitVerdict(projectId, actor(b), accept(x))).toThrow("The queue has not given you this artifact");
    skipArtifact(projectId, a.id, x);
    expect(() => submitVerdict(projectId, actor(a), accept(x))).toThrow("The queue has not given you this artifact");
    expect(await prisma.verdictEvent.count({ where: { projectId } })).toBe(0);
  });

  it("takes a verdict on one's own lease that ran out while nobody else was handed the artifact", async () => {
    const { projectId, accounts: [a] } = await queueProject(1, 1, { overlap: 1, leaseMinutes: 15 });
    const t0 = new Date("2026-11-27T12:00:00Z");
    const x = claimNextArtifact(projectId, a.id, { now: t0 })!.artifactId;
    expect(submitVerdict(projectId, actor(a), accept(x), { now: minutes(t0, 40) }).state.status).toBe("accepted");
  });

  it("refuses a verdict whose lease ran out after others took the places", async () => {
    const { projectId, accounts: [a, b] } = await queueProject(1, 2, { overlap: 1, leaseMinutes: 15 });
    const t0 = new Date("2026-11-27T12:00:00Z");
    const x = claimNextArtifact(projectId, a.id, { now: t0 })!.artifactId;
    expect(claimNextArtifact(projectId, b.id, { now: minutes(t0, 16) })!.artifactId).toBe(x);
    expect(() => submitVerdict(projectId, actor(a), accept(x), { now: minutes(t0, 17) })).toThrow("ran out");
    expect(submitVerdict(projectId, actor(b), accept(x), { now: minutes(t0, 18) }).state.status).toBe("accepted");
  });
});
