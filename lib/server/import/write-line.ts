import "server-only";
import { importFlags, namesInPosts } from "../../domain/highlights";
import { deriveReviewState } from "../../domain/review-state";
import { liveVerdicts } from "../review/review-state-of";
import type { PreparedRow } from "./prepare-line";
import type { ImportQueries } from "./statements";

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
function compare(stored: object | undefined, row: object): LineOutcome {
  if (!stored) return "conflict";
  const r = row as Record<string, unknown>;
  for (const [column, value] of Object.entries(stored)) if (value !== r[column]) return "conflict";
  return "unchanged";
}

export interface WriteContext {
  s: ImportQueries;
  /** the project's verdicts per artifact, for the review state of artifacts written with their verdicts */
  overlap: number;
  /** account id by email; null when no active account has that email */
  accountId(email: string): Promise<number | null>;
  /** whether the account is a member of the project (an annotator of it) */
  isMember(accountId: number): Promise<boolean>;
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

  async write(row: PreparedRow): Promise<LineOutcome> {
    if (this.held && !(row.type === "verdict" && row.artifactId === this.held.row.id)) await this.flush();
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

  private async userPlatform(uid: string): Promise<string | undefined> {
    return this.platformOfUser.get(uid) ?? (await this.ctx.s.userPlatform(uid));
  }

  private async user(u: Extract<PreparedRow, { type: "user" }>): Promise<LineOutcome> {
    const { s } = this.ctx;
    if ((await s.insertUser(u)) === 0) return compare(await s.storedUser(u.uid), u);
    this.platformOfUser.set(u.uid, u.platform);
    return "new";
  }

  private async post(p: Extract<PreparedRow, { type: "post" }>): Promise<LineOutcome> {
    const { s } = this.ctx;
    if ((await s.insertPost(p)) === 0) return compare(await s.storedPost(p.id), p);
    this.ownerOfPost.set(p.id, p.uid);
    this.namesOfPost.set(p.id, p.names);
    const platform = await this.userPlatform(p.uid);
    if (platform === undefined) await s.addPending(p.line, "post.user", p.id, p.uid, p.platform);
    else if (platform !== p.platform) return { error: `post "${p.id}" is on ${p.platform} but its user "${p.uid}" is on ${platform}` };
    return "new";
  }

  /** Writes the held artifact, with the review state of the verdicts that followed it. */
  async flush(): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = null;
    const { s, overlap } = this.ctx;
    const a = held.row;
    const events = held.verdicts
      .map((v, order) => ({ v, order }))
      .sort((x, y) => (x.v.createdAt < y.v.createdAt ? -1 : x.v.createdAt > y.v.createdAt ? 1 : x.order - y.order))
      .map(({ v }) => v);
    const state = deriveReviewState(liveVerdicts(events.map((v) => ({ accountId: v.accountId, decision: v.decision, contentJson: v.content, reasonsJson: v.reasons }))), overlap, null); // a new artifact: nobody has ruled on it yet
    const final = state.status === "accepted" || state.status === "rejected";
    await s.insertArtifact({
      ...a, platform: held.platform, flags: held.flags, status: state.status, verdictCount: state.verdictCount, disagreement: state.disagreement,
      finalDecision: state.finalDecision, finalContent: state.finalContent,
      // an imported verdict that completed an artifact finalized it when it was given, not when it was imported
      finalizedAt: final ? new Date(events[events.length - 1].createdAt) : null, decidedBy: state.decidedBy, reasonFlags: state.reasonFlags,
    });
    // its verdicts after it: a child row written before its parent would leave a deferred foreign-key
    // violation open until the end of the transaction
    for (const v of held.verdicts) await s.insertVerdict({ ...v, artifactId: a.id });
  }

  private async artifact(a: ArtifactRow): Promise<LineOutcome> {
    const { s } = this.ctx;
    if (this.artifacts.get(a.id) !== undefined || (await s.artifactExists(a.id))) return compare(await s.storedArtifact(a.id), a);
    const platform = await this.userPlatform(a.uid);
    this.held = { row: a, platform: platform ?? "", flags: platform === undefined ? null : await this.flagsOf(a), verdicts: [] };
    this.artifacts.set(a.id, a.uid);
    if (platform === undefined) await s.addPending(a.line, "artifact.user", a.id, a.uid, null);
    for (const postId of a.sourcePostIds) {
      const owner = this.ownerOfPost.get(postId) ?? (await s.postUid(postId));
      // a missing post may come later in the file; both cases are reported with their reason at the end
      if (owner !== a.uid) await s.addPending(a.line, "artifact.post", a.id, postId, a.uid);
    }
    return "new";
  }

  /**
   * The deterministic checks' flags, or null when a cited post is not in yet (it may come later in
   * the file): fillMissingFlags computes those once the whole file is in.
   */
  private async flagsOf(a: Extract<PreparedRow, { type: "artifact" }>): Promise<number | null> {
    const names: string[] = [];
    for (const postId of a.sourcePostIds) {
      let found = this.namesOfPost.get(postId);
      if (found === undefined) {
        const text = await this.ctx.s.postText(postId);
        if (text === undefined) return null;
        found = namesInPosts([text]);
      }
      names.push(...found);
    }
    return importFlags(a.contentFlags, a.contentValue, names);
  }

  private async verdict(v: Extract<PreparedRow, { type: "verdict" }>): Promise<LineOutcome> {
    const { s } = this.ctx;
    const accountId = await this.ctx.accountId(v.annotator);
    if (accountId === null) {
      return { error: `annotator "${v.annotator}" has no active account; create it first (npm run cli -- users add --email ${v.annotator} --role annotator)` };
    }
    // imported verdicts obey the review rules: the annotator works on this project, the time is not
    // ahead of us, and no artifact gets more distinct annotators than the overlap
    if (!(await this.ctx.isMember(accountId))) {
      return { error: `annotator "${v.annotator}" is not a member of project "${this.ctx.projectName}"; assign them on its settings page (or with cli import --assign) first` };
    }
    if (v.createdAt > this.latestAllowed) return { error: `created_at ${v.createdAt.slice(0, 19)}Z is in the future` };
    if (this.held?.row.id === v.artifactId) return this.heldVerdict(v, accountId);
    const stored = await s.verdictAnnotators(v.artifactId, accountId);
    if (!stored.mine && stored.n >= this.ctx.overlap) return this.overOverlap(v.artifactId);
    if ((await s.insertVerdict({ ...v, accountId })) === 0) return compare(await s.storedVerdict(v.artifactId, accountId, v.createdAt), v);
    this.needsReviewState.add(v.artifactId);
    if (this.artifacts.get(v.artifactId) === undefined && !(await s.artifactExists(v.artifactId))) await s.addPending(v.line, "verdict.artifact", "", v.artifactId, null);
    return "new";
  }

  private get latestAllowed(): string {
    return (this.latest ??= new Date(Date.now() + CLOCK_SKEW_MS).toISOString());
  }

  /**
   * How many distinct annotators an artifact's stored verdicts have (this file's are written as they
   * come, so they count), and whether this account is one: asked of the database, so memory stays flat.
   */
  private storedAnnotators(artifactId: string, accountId: number): Promise<{ n: number; mine: boolean }> {
    return this.ctx.s.verdictAnnotators(artifactId, accountId);
  }

  private overOverlap(artifactId: string): LineOutcome {
    return { error: `artifact "${artifactId}" already has verdicts of ${this.ctx.overlap} annotators, the project's overlap; a verdict of another annotator is one too many` };
  }

  /** A verdict on the held artifact: kept with it until it is written, unless the same verdict is already in. */
  private async heldVerdict(v: VerdictRow, accountId: number): Promise<LineOutcome> {
    const held = this.held!;
    const twin = held.verdicts.find((h) => h.accountId === accountId && h.createdAt === v.createdAt);
    if (twin) return compare({ decision: twin.decision, reasons: twin.reasons, content: twin.content, comment: twin.comment }, v);
    // a new artifact has stored verdicts only if some came before it in this file
    if (this.needsReviewState.has(v.artifactId)) {
      const stored = await this.ctx.s.storedVerdict(v.artifactId, accountId, v.createdAt);
      if (stored) return compare(stored, v);
    }
    const distinct = new Set(held.verdicts.map((h) => h.accountId));
    // verdicts that came before the artifact in this file are stored already and count too
    if (this.needsReviewState.has(v.artifactId)) {
      const before = await this.storedAnnotators(v.artifactId, accountId);
      let heldOnly = 0;
      for (const id of distinct) if (!(await this.storedAnnotators(v.artifactId, id)).mine) heldOnly++;
      if (!before.mine && !distinct.has(accountId) && before.n + heldOnly >= this.ctx.overlap) return this.overOverlap(v.artifactId);
    } else if (!distinct.has(accountId) && distinct.size >= this.ctx.overlap) return this.overOverlap(v.artifactId);
    held.verdicts.push({ ...v, accountId });
    return "new";
  }
}
