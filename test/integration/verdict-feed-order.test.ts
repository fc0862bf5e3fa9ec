import { describe, expect, it } from "vitest";
import { db, type Queryable } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { sql } from "@/lib/db/sql";
import { verdictFeed } from "@/lib/server/api/verdict-feed";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

/** A client tailing the feed: every event it was given, in order. */
function tail(projectId: number) {
  let since: string | undefined;
  const seen: number[] = [];
  return {
    seen,
    async poll() {
      for (;;) {
        const page = await verdictFeed({ projectId, since, limit: 2 });
        seen.push(...page.events.map((e) => e.id));
        since = page.next;
        if (!page.hasMore) return;
      }
    },
  };
}

/** A transaction that writes one verdict event now and commits when told. */
function openWriter(write: (t: Queryable) => Promise<number>) {
  let commit!: () => void;
  const go = new Promise<void>((r) => (commit = r));
  let written!: (id: number) => void;
  const id = new Promise<number>((r) => (written = r));
  const done = db().tx(async (t) => {
    written(await write(t));
    await go;
  });
  return { id, commit: async () => (commit(), await done) };
}

describe("the verdict feed under concurrent writers", () => {
  it("misses and repeats nothing when transactions commit out of order", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    expect((await importText(project.id, jsonl([b.user, b.post, b.artifact]))).ok).toBe(true);
    const who = await makeAccount();
    let minute = 0;
    const insert = async (t: Queryable) => {
      const at = new Date(Date.UTC(2026, 10, 20, 10, minute++));
      const r = await t.one(
        row({ id: col.int }),
        sql`INSERT INTO "VerdictEvent" ("projectId", "artifactId", "accountId", "decision", "createdAt") VALUES (${project.id}, ${b.artifactId}, ${who.id}, 'accept', ${at}) RETURNING "id"`,
      );
      return r.id;
    };
    const feed = tail(project.id);
    const committed: number[] = [];
    const now = async () => committed.push(await db().tx(insert));

    await now();
    // an older transaction holds its event while a newer one commits: the newer waits behind it
    const slow = openWriter(insert);
    const slowId = await slow.id;
    await now();
    await feed.poll();
    expect(feed.seen).toEqual([committed[0]]);
    // a transaction that wrote after both commits first, then the slow one
    const late = openWriter(insert);
    const lateId = await late.id;
    await late.commit();
    await feed.poll();
    expect(feed.seen).toEqual([committed[0]]);
    await slow.commit();
    committed.push(slowId, lateId);
    await now();
    await feed.poll();
    expect([...feed.seen].sort((x, y) => x - y)).toEqual([...committed].sort((x, y) => x - y));
    expect(new Set(feed.seen).size).toBe(feed.seen.length);
    // a later poll repeats nothing
    await feed.poll();
    expect(feed.seen.length).toBe(committed.length);
  });
});

describe("what a split version and an agreement snapshot saw", () => {
  it("is the verdicts their transaction could see: one committed later with a smaller id is neither in a version's feed nor missed as new", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { createSplitVersion } = await import("@/lib/server/splits/create-split-version");
    const { exportSplitVersion } = await import("@/lib/server/splits/export-split-version");
    const { computeAgreement } = await import("@/lib/server/agreement/compute-agreement");
    const { agreementFreshness } = await import("@/lib/server/agreement/agreement-snapshots");
    const project = await makeProject();
    const b = tinyBatch();
    expect((await importText(project.id, jsonl([b.user, b.post, b.artifact]))).ok).toBe(true);
    await db().exec(sql`UPDATE "ArtifactState" SET "status" = 'accepted', "finalDecision" = 'accept', "decidedBy" = 'annotators', "finalizedAt" = now() WHERE "projectId" = ${project.id}`);
    const who = await makeAccount();
    const insert = async (t: Queryable) =>
      (
        await t.one(
          row({ id: col.int }),
          sql`INSERT INTO "VerdictEvent" ("projectId", "artifactId", "accountId", "decision", "createdAt") VALUES (${project.id}, ${b.artifactId}, ${who.id}, 'accept', ${new Date()}) RETURNING "id"`,
        )
      ).id;

    const slow = openWriter(insert);
    const slowId = await slow.id;
    const fastId = await db().tx(insert);
    expect(fastId).toBeGreaterThan(slowId);
    const version = await createSplitVersion(project.id, { ratios: { train: 1, validation: 0, test: 0 }, seed: "s" }, { actorLabel: "test" });
    const agreement = await computeAgreement(db(), project.id);
    expect(agreement.verdictCursor).toBe(fastId);
    await slow.commit();

    const out = fs.mkdtempSync(path.join(os.tmpdir(), "feed-"));
    await exportSplitVersion(project.id, version.version, out);
    const feed = fs
      .readFileSync(path.join(out, "verdicts.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).verdict_id);
    expect(feed).toEqual([fastId]);
    expect(await agreementFreshness(project.id, { ...agreement, adjudicationCursor: 0, labelMode: agreement.result.labelMode })).toMatchObject({ newVerdicts: 1, stale: true });
  });
});
