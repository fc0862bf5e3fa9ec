import { fingerprint, stableStringify } from "../../domain/stable-json";
import type { ArtifactLine, ImportLine, PostLine, UserLine, VerdictLine } from "../../validation/import-line";
import { sqlDate } from "../sqlite";
import type { ImportStatements } from "./statements";

export type LineOutcome = "new" | "unchanged" | "conflict" | { error: string };

export interface WriteContext {
  s: ImportStatements;
  projectId: number;
  batchId: number;
  now: string;
  /** account id by email; null when no active account has that email */
  accountId(email: string): number | null;
}

/** Writes one validated line inside the import's transaction and says what happened to it. */
export function writeLine(ctx: WriteContext, rec: ImportLine, line: number): LineOutcome {
  switch (rec.type) {
    case "user":
      return writeUser(ctx, rec, line);
    case "post":
      return writePost(ctx, rec, line);
    case "artifact":
      return writeArtifact(ctx, rec, line);
    case "verdict":
      return writeVerdict(ctx, rec, line);
  }
}

function settle(inserted: boolean, hash: string, existing: () => unknown): LineOutcome {
  if (inserted) return "new";
  return existing() === hash ? "unchanged" : "conflict";
}

function writeUser({ s, projectId, batchId }: WriteContext, u: UserLine, line: number): LineOutcome {
  const meta = stableStringify(u.meta);
  const hash = fingerprint(u.platform, meta);
  const r = s.insertUser.run(projectId, u.uid, u.platform, meta, hash, batchId, line);
  return settle(r.changes === 1, hash, () => s.userHash.get(projectId, u.uid));
}

function writePost({ s, projectId, batchId }: WriteContext, p: PostLine, line: number): LineOutcome {
  const createdAt = p.created_at ? sqlDate(new Date(p.created_at)) : null;
  const harmless = p.tags.harmless === undefined ? null : p.tags.harmless ? 1 : 0;
  const tags = JSON.stringify(p.tags); // zod's output keeps the schema's key order
  const meta = stableStringify(p.meta);
  const hash = fingerprint(p.uid, p.platform, p.kind, createdAt, p.title, p.text, p.rewrite, tags, meta);
  const r = s.insertPost.run(projectId, p.id, p.uid, p.platform, p.kind, createdAt, p.title ?? null, p.text, p.rewrite ?? null,
    tags, p.tags.quality ?? null, harmless, meta, hash, batchId, line);
  if (r.changes === 0) return settle(false, hash, () => s.postHash.get(projectId, p.id));
  const platform = s.userPlatform.get(projectId, p.uid);
  if (platform === undefined) s.addPending.run(line, "post.user", p.id, p.uid, p.platform);
  else if (platform !== p.platform) return { error: `post "${p.id}" is on ${p.platform} but its user "${p.uid}" is on ${platform}` };
  return "new";
}

function writeArtifact({ s, projectId, batchId, now }: WriteContext, a: ArtifactLine, line: number): LineOutcome {
  const scores = a.judge?.scores;
  const values = scores ? Object.values(scores) : [];
  const content = stableStringify(a.content);
  const scoresJson = values.length ? stableStringify(scores) : null;
  const g = a.generator;
  const j = a.judge;
  const hash = fingerprint(a.uid, a.kind, a.flavor, content, JSON.stringify(a.source_post_ids), g?.model, g?.prompt, j?.model, scoresJson, j?.explanation);
  const r = s.insertArtifact.run(projectId, a.id, a.uid, a.kind, a.flavor ?? null, content, g?.model ?? null, g?.prompt ?? null,
    j?.model ?? null, scoresJson, j?.explanation ?? null, scores?.overall ?? null, values.length ? Math.min(...values) : null,
    hash, batchId, line, now);
  if (r.changes === 0) return settle(false, hash, () => s.artifactHash.get(projectId, a.id));
  if (s.userPlatform.get(projectId, a.uid) === undefined) s.addPending.run(line, "artifact.user", a.id, a.uid, null);
  a.source_post_ids.forEach((postId, i) => {
    s.insertArtifactPost.run(projectId, a.id, postId, i);
    const owner = s.postUid.get(projectId, postId);
    // a missing post may come later in the file; both cases are reported with their reason at the end
    if (owner !== a.uid) s.addPending.run(line, "artifact.post", a.id, postId, a.uid);
  });
  return "new";
}

function writeVerdict(ctx: WriteContext, v: VerdictLine, line: number): LineOutcome {
  const { s, projectId, batchId } = ctx;
  const accountId = ctx.accountId(v.annotator.toLowerCase());
  if (accountId === null) {
    return { error: `annotator "${v.annotator}" has no active account; create it first (npm run cli -- users add --email ${v.annotator} --role annotator)` };
  }
  const createdAt = sqlDate(new Date(v.created_at));
  const reasons = JSON.stringify(v.reasons);
  const content = v.content ? stableStringify(v.content) : null;
  const hash = fingerprint(v.decision, reasons, content, v.comment);
  const r = s.insertVerdict.run(projectId, v.artifact_id, accountId, v.decision, reasons, content, v.comment ?? null, hash,
    batchId, line, createdAt);
  if (r.changes === 0) return settle(false, hash, () => s.verdictHash.get(projectId, v.artifact_id, accountId, createdAt));
  if (s.artifactExists.get(projectId, v.artifact_id) === undefined) s.addPending.run(line, "verdict.artifact", "", v.artifact_id, null);
  return "new";
}
