import "server-only";
import { importFlags, namesInPosts } from "../../domain/highlights";
import { deriveReviewState } from "../../domain/review-state";
import { liveVerdicts } from "../review/review-state-of";
import { sqlDate } from "../sqlite-date";
import type { PreparedRow } from "./prepare-line";
import type { ImportStatements } from "./statements";

export type LineOutcome = "new" | "unchanged" | "conflict" | { error: string };

/** A bounded map of keys known to exist in this transaction, to spare point lookups for rows just written. */
class RecentKeys<V = string> {
  private map = new Map<string, V>();
  constructor(private readonly limit = 4096) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }
}

/** "unchanged" when every stored column equals the re-imported one, else "conflict". */
function compare(stored: Record<string, unknown> | undefined, row: Record<string, unknown>): LineOutcome {
  if (!stored) return "conflict";
  for (const column of Object.keys(stored)) if (stored[column] !== row[column]) return "conflict";
  return "unchanged";
}

export interface WriteContext {
  s: ImportStatements;
  projectId: number;
  /** the project's verdicts per artifact, for the review state of artifacts written with their verdicts */
  overlap: number;
  batchId: number;
  now: string;
  /** account id by email; null when no active account has that email */
  accountId(email: string): number | null;
  /** whether the account is a member of the project (an annotator of it) */
  isMember(accountId: number): boolean;
  /** the project's name, for messages */
  projectName: string;
}

/** How far a verdict's created_at may run ahead of the importer's clock (clocks differ a little). */
const CLOCK_SKEW_MS = 5 * 60_000;

type ArtifactRow = Extract<PreparedRow, { type: "artifact" }>;
type VerdictRow = Extract<PreparedRow, { type: "verdict" }>;

/**
 * Writes prepared lines inside the import's transaction and says what happened to each.
 *
 * A new artifact is held back until the next line that is not one of its verdicts (the pipeline
 * writes an artifact's verdicts right after it), then written with the review state they give it:
 * one insert instead of an insert and an update of every index that holds the status. The
 * artifacts whose verdicts came otherwise (before it, later in the file, on an artifact already
 * stored) are left in `needsReviewState` for recomputeReviewStates.
 */
export class LineWriter {
  private platformOfUser = new RecentKeys();
  private ownerOfPost = new RecentKeys();
  private namesOfPost = new RecentKeys<string[]>();
  private artifacts = new RecentKeys();
  private latest: string | undefined;
  private held: { row: ArtifactRow; platform: string; flags: number | null; verdicts: (VerdictRow & { accountId: number })[] } | null = null;
  readonly needsReviewState = new Set<string>();

  constructor(private readonly ctx: WriteContext) {}

  write(row: PreparedRow): LineOutcome {
    if (this.held && !(row.type === "verdict" && row.artifactId === this.held.row.id)) this.flush();
    switch (row.type) {
      case "user":
        return this.user(row);
      case "post":
        return this.post(row);
      case "artifact":
        return this.artifact(row);
      case "verdict":
        return this.verdict(row);
    }
  }

  private userPlatform(uid: string): string | undefined {
    return this.platformOfUser.get(uid) ?? (this.ctx.s.userPlatform.get(this.ctx.projectId, uid) as string | undefined);
  }

  private user(u: Extract<PreparedRow, { type: "user" }>): LineOutcome {
    const { s, projectId, batchId } = this.ctx;
    if (s.insertUser.run(projectId, u.uid, u.platform, u.meta, batchId, u.line).changes === 0) {
      return compare(s.storedUser.get(projectId, u.uid) as Record<string, unknown>, u);
    }
    this.platformOfUser.set(u.uid, u.platform);
    return "new";
  }

  private post(p: Extract<PreparedRow, { type: "post" }>): LineOutcome {
    const { s, projectId, batchId } = this.ctx;
    const r = s.insertPost.run(projectId, p.id, p.uid, p.platform, p.kind, p.createdAt, p.title, p.text, p.rewrite, p.tags,
      p.quality, p.harmless, p.meta, batchId, p.line);
    if (r.changes === 0) return compare(s.storedPost.get(projectId, p.id) as Record<string, unknown>, p);
    this.ownerOfPost.set(p.id, p.uid);
    this.namesOfPost.set(p.id, p.names);
    const platform = this.userPlatform(p.uid);
    if (platform === undefined) s.addPending.run(p.line, "post.user", p.id, p.uid, p.platform);
    else if (platform !== p.platform) return { error: `post "${p.id}" is on ${p.platform} but its user "${p.uid}" is on ${platform}` };
    return "new";
  }

  /** Writes the held artifact, with the review state of the verdicts that followed it. */
  flush(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    const { s, projectId, batchId, now, overlap } = this.ctx;
    const a = held.row;
    const events = held.verdicts
      .map((v, order) => ({ v, order }))
      .sort((x, y) => (x.v.createdAt < y.v.createdAt ? -1 : x.v.createdAt > y.v.createdAt ? 1 : x.order - y.order))
      .map(({ v }) => v);
    const state = deriveReviewState(liveVerdicts(events.map((v) => ({ accountId: v.accountId, decision: v.decision, contentJson: v.content, reasonsJson: v.reasons }))), overlap, null); // a new artifact: nobody has ruled on it yet
    const final = state.status === "accepted" || state.status === "rejected";
    s.insertArtifact.run(projectId, a.id, a.uid, held.platform, a.kind, a.flavor, a.content, a.sourcePostIdsJson, a.generatorModel,
      a.generatorPrompt, a.judgeModel, a.scores, a.explanation, a.overall, a.minScore, a.packedScores, held.flags, batchId, a.line, now,
      state.status, state.verdictCount, state.disagreement, state.finalDecision, state.finalContent,
      // an imported verdict that completed an artifact finalized it when it was given, not when it was imported
      final ? events[events.length - 1].createdAt : null, state.decidedBy, state.reasonFlags);
    // its verdicts after it: a child row written before its parent would leave a deferred foreign-key
    // violation open, and while one is open SQLite searches the children of every parent row written
    for (const v of held.verdicts) s.insertVerdict.run(projectId, a.id, v.accountId, v.decision, v.reasons, v.content, v.comment, batchId, v.line, v.createdAt);
  }

  private artifact(a: ArtifactRow): LineOutcome {
    const { s, projectId } = this.ctx;
    if (this.artifacts.get(a.id) !== undefined || s.artifactExists.get(projectId, a.id) !== undefined) {
      return compare(s.storedArtifact.get(projectId, a.id) as Record<string, unknown>, a);
    }
    const platform = this.userPlatform(a.uid);
    this.held = { row: a, platform: platform ?? "", flags: platform === undefined ? null : this.flagsOf(a), verdicts: [] };
    this.artifacts.set(a.id, a.uid);
    if (platform === undefined) s.addPending.run(a.line, "artifact.user", a.id, a.uid, null);
    for (const postId of a.sourcePostIds) {
      const owner = this.ownerOfPost.get(postId) ?? s.postUid.get(projectId, postId);
      // a missing post may come later in the file; both cases are reported with their reason at the end
      if (owner !== a.uid) s.addPending.run(a.line, "artifact.post", a.id, postId, a.uid);
    }
    return "new";
  }

  /**
   * The deterministic checks' flags, or null when a cited post is not in yet (it may come later in
   * the file): fillMissingFlags computes those once the whole file is in.
   */
  private flagsOf(a: Extract<PreparedRow, { type: "artifact" }>): number | null {
    const names: string[] = [];
    for (const postId of a.sourcePostIds) {
      let found = this.namesOfPost.get(postId);
      if (found === undefined) {
        const text = this.ctx.s.postText.get(this.ctx.projectId, postId) as string | undefined;
        if (text === undefined) return null;
        found = namesInPosts([text]);
      }
      names.push(...found);
    }
    return importFlags(a.contentFlags, a.contentValue, names);
  }

  private verdict(v: Extract<PreparedRow, { type: "verdict" }>): LineOutcome {
    const { s, projectId, batchId } = this.ctx;
    const accountId = this.ctx.accountId(v.annotator);
    if (accountId === null) {
      return { error: `annotator "${v.annotator}" has no active account; create it first (npm run cli -- users add --email ${v.annotator} --role annotator)` };
    }
    // imported verdicts obey the review rules: the annotator works on this project, the time is not
    // ahead of us, and no artifact gets more distinct annotators than the overlap
    if (!this.ctx.isMember(accountId)) {
      return { error: `annotator "${v.annotator}" is not a member of project "${this.ctx.projectName}"; assign them on its settings page (or with cli import --assign) first` };
    }
    if (v.createdAt > this.latestAllowed) return { error: `created_at ${v.createdAt.slice(0, 19)}Z is in the future` };
    if (this.held?.row.id === v.artifactId) return this.heldVerdict(v, accountId);
    const stored = this.storedAnnotators(v.artifactId, accountId);
    if (!stored.mine && stored.n >= this.ctx.overlap) return this.overOverlap(v.artifactId);
    const r = s.insertVerdict.run(projectId, v.artifactId, accountId, v.decision, v.reasons, v.content, v.comment, batchId, v.line, v.createdAt);
    if (r.changes === 0) return compare(s.storedVerdict.get(projectId, v.artifactId, accountId, v.createdAt) as Record<string, unknown>, v);
    this.needsReviewState.add(v.artifactId);
    if (this.artifacts.get(v.artifactId) === undefined && s.artifactExists.get(projectId, v.artifactId) === undefined) {
      s.addPending.run(v.line, "verdict.artifact", "", v.artifactId, null);
    }
    return "new";
  }

  private get latestAllowed(): string {
    return (this.latest ??= sqlDate(new Date(Date.now() + CLOCK_SKEW_MS)));
  }

  /**
   * How many distinct annotators an artifact's stored verdicts have (this file's are written as they
   * come, so they count), and whether this account is one: asked of the database, so memory stays flat.
   */
  private storedAnnotators(artifactId: string, accountId: number): { n: number; mine: boolean } {
    const row = this.ctx.s.verdictAnnotators.get(accountId, this.ctx.projectId, artifactId) as { n: number; mine: number };
    return { n: row.n, mine: row.mine === 1 };
  }

  private overOverlap(artifactId: string): LineOutcome {
    return { error: `artifact "${artifactId}" already has verdicts of ${this.ctx.overlap} annotators, the project's overlap; a verdict of another annotator is one too many` };
  }

  /** A verdict on the held artifact: kept with it until it is written, unless the same verdict is already in. */
  private heldVerdict(v: VerdictRow, accountId: number): LineOutcome {
    const held = this.held!;
    const twin = held.verdicts.find((h) => h.accountId === accountId && h.createdAt === v.createdAt);
    if (twin) return compare({ decision: twin.decision, reasons: twin.reasons, content: twin.content, comment: twin.comment }, v);
    // a new artifact has stored verdicts only if some came before it in this file
    if (this.needsReviewState.has(v.artifactId)) {
      const stored = this.ctx.s.storedVerdict.get(this.ctx.projectId, v.artifactId, accountId, v.createdAt) as Record<string, unknown> | undefined;
      if (stored) return compare(stored, v);
    }
    const distinct = new Set(held.verdicts.map((h) => h.accountId));
    // verdicts that came before the artifact in this file are stored already and count too
    if (this.needsReviewState.has(v.artifactId)) {
      const before = this.storedAnnotators(v.artifactId, accountId);
      const heldOnly = [...distinct].filter((id) => !this.storedAnnotators(v.artifactId, id).mine).length;
      if (!before.mine && !distinct.has(accountId) && before.n + heldOnly >= this.ctx.overlap) return this.overOverlap(v.artifactId);
    } else if (!distinct.has(accountId) && distinct.size >= this.ctx.overlap) return this.overOverlap(v.artifactId);
    held.verdicts.push({ ...v, accountId });
    return "new";
  }
}
