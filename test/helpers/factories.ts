import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Readable } from "node:stream";
import { createAccount } from "@/lib/server/accounts/create-account";
import { importBatch, type ImportOptions } from "@/lib/server/import/import-batch";
import { findOrCreateProject } from "@/lib/server/projects/find-or-create-project";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { sql } from "@/lib/db/sql";

export const TEST_ACTOR = { actorId: null, actorLabel: "test" };

/** A unique suffix, so tests never share keys and can run in any order. */
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function makeProject(name = unique("project")) {
  return (await findOrCreateProject(name, TEST_ACTOR)).project;
}

export async function makeAccount(role: "annotator" | "lead" | "admin" = "annotator", password = "correct-horse-battery") {
  const email = `${unique(role)}@example.org`;
  const { account } = await createAccount({ email, role, password }, TEST_ACTOR);
  return { ...account, role, password };
}

/** JSON Lines text from records (strings are taken as raw lines). */
export function jsonl(records: (object | string)[]): string {
  return records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";
}

/**
 * Imports JSON Lines text into a project. The accounts its verdict lines name become members of the
 * project first, as a lead assigns annotators before importing their labels; tests of that rule
 * call importBatch themselves.
 */
export async function importText(projectId: number, text: string | Buffer, extra: Partial<ImportOptions> = {}) {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const annotators = new Set<string>();
  for (const line of bytes.toString("utf8").split("\n")) {
    if (!line.includes('"verdict"')) continue;
    try {
      const r = JSON.parse(line) as { type?: unknown; annotator?: unknown };
      if (r.type === "verdict" && typeof r.annotator === "string") annotators.add(r.annotator);
    } catch {
      // a bad line the test means to import as such
    }
  }
  if (annotators.size) await membersByEmail(projectId, [...annotators]);
  return importBatch({ projectId, source: Readable.from([bytes]), fileName: "batch.jsonl", actor: TEST_ACTOR, ...extra });
}

/** Row counts of the imported tables for one project. */
export async function countRows(projectId: number) {
  const count = async (table: string) => (await db().one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM ${sql.raw(`"${table}"`)} WHERE "projectId" = ${projectId}`)).n;
  const cited = await db().many(row({ ids: col.json(z.array(z.string())) }), sql`SELECT "sourcePostIdsJson" AS "ids" FROM "Artifact" WHERE "projectId" = ${projectId}`);
  const cites = cited.reduce((n, r) => n + r.ids.length, 0);
  return { users: await count("SourceUser"), posts: await count("Post"), artifacts: await count("Artifact"), cites, verdicts: await count("VerdictEvent") };
}

/** A minimal valid batch: one Reddit user, one post, one social_qa artifact citing it. */
export function tinyBatch(tag = unique("t")) {
  const uid = `reddit:${tag}`;
  const postId = `reddit:t3_${tag}`;
  const artifactId = `a-${tag}`;
  return {
    uid,
    postId,
    artifactId,
    user: { type: "user", uid, platform: "reddit", meta: { bio: "runner" } },
    post: {
      type: "post",
      id: postId,
      uid,
      platform: "reddit",
      kind: "submission",
      created_at: "2019-03-01T12:00:00Z",
      title: "Knee pain",
      text: "I ran 20k and my knee hurts.",
      rewrite: "I ran 20k and my knee hurts.",
      tags: { quality: "high", harmless: true },
      meta: { subreddit: "running", score: 14 },
    },
    artifact: {
      type: "artifact",
      id: artifactId,
      uid,
      kind: "social_qa",
      flavor: "why",
      content: { scenario: "PersonA ran a long race.", question: "Why does PersonA rest?", answer: "Because the knee hurts." },
      source_post_ids: [postId],
      generator: { model: "Llama-3.3-70B-Instruct", prompt: "social_qa_why_v2" },
      judge: { model: "Qwen2.5-72B-Instruct", scores: { hallucination: 9, coverage: 8, fidelity: 9, novelty: 7, leakage: 8, overall: 8 }, explanation: "fine" },
    },
  };
}

/** Makes the account a member of the project (leads and annotators enter only the projects they are members of). */
export async function addMember(projectId: number, accountId: number): Promise<void> {
  await db().exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${projectId}, ${accountId}, ${new Date()}) ON CONFLICT DO NOTHING`);
}

/** Makes the accounts with these emails (those that exist) members of the project. */
export async function membersByEmail(projectId: number, emails: string[]): Promise<void> {
  for (const { id } of await db().many(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "email" IN ${sql.list(emails)}`)) await addMember(projectId, id);
}
