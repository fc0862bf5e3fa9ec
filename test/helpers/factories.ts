import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { createAccount } from "@/lib/server/accounts/create-account";
import { importBatch, type ImportOptions } from "@/lib/server/import/import-batch";
import { findOrCreateProject } from "@/lib/server/projects/find-or-create-project";
import { openSqlite } from "@/lib/server/sqlite";

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
export function importText(projectId: number, text: string | Buffer, extra: Partial<ImportOptions> = {}) {
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
  if (annotators.size) membersByEmail(projectId, [...annotators]);
  return importBatch({ projectId, source: Readable.from([bytes]), fileName: "batch.jsonl", actor: TEST_ACTOR, ...extra });
}

/** Row counts of the imported tables for one project, read through a raw connection. */
export function countRows(projectId: number) {
  const db = openSqlite(process.env.DATABASE_URL);
  try {
    const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table} WHERE projectId = ?`).pluck().get(projectId) as number;
    const cites = db.prepare(`SELECT COALESCE(SUM(json_array_length(sourcePostIdsJson)), 0) FROM Artifact WHERE projectId = ?`).pluck().get(projectId) as number;
    return { users: count("SourceUser"), posts: count("Post"), artifacts: count("Artifact"), cites, verdicts: count("VerdictEvent") };
  } finally {
    db.close();
  }
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
      type: "post", id: postId, uid, platform: "reddit", kind: "submission", created_at: "2019-03-01T12:00:00Z", title: "Knee pain",
      text: "I ran 20k and my knee hurts.", rewrite: "I ran 20k and my knee hurts.", tags: { quality: "high", harmless: true }, meta: { subreddit: "running", score: 14 },
    },
    artifact: {
      type: "artifact", id: artifactId, uid, kind: "social_qa", flavor: "why",
      content: { scenario: "PersonA ran a long race.", question: "Why does PersonA rest?", answer: "Because the knee hurts." },
      source_post_ids: [postId], generator: { model: "Llama-3.3-70B-Instruct", prompt: "social_qa_why_v2" },
      judge: { model: "Qwen2.5-72B-Instruct", scores: { hallucination: 9, coverage: 8, fidelity: 9, novelty: 7, leakage: 8, overall: 8 }, explanation: "fine" },
    },
  };
}

/** Makes the account a member of the project (leads and annotators enter only the projects they are members of). */
export function addMember(projectId: number, accountId: number): void {
  const db = openSqlite(process.env.DATABASE_URL);
  try {
    db.prepare(`INSERT OR IGNORE INTO ProjectMember (projectId, accountId, createdAt) VALUES (?, ?, ?)`).run(projectId, accountId, new Date().toISOString().replace("Z", "+00:00"));
  } finally {
    db.close();
  }
}

/** Makes the accounts with these emails (those that exist) members of the project. */
export function membersByEmail(projectId: number, emails: string[]): void {
  const db = openSqlite(process.env.DATABASE_URL);
  try {
    const add = db.prepare(`INSERT OR IGNORE INTO ProjectMember (projectId, accountId, createdAt) SELECT ?, id, ? FROM Account WHERE email = ?`);
    for (const email of emails) add.run(projectId, new Date().toISOString().replace("Z", "+00:00"), email);
  } finally {
    db.close();
  }
}
