import { makeArtifacts, type DemoArtifact, type Truth } from "./artifacts";
import { makePerson } from "./person";
import { makePosts } from "./posts";
import { Rng } from "../rng";

export interface DemoOptions {
  users: number;
  seed: string | number;
  /**
   * Emails of annotators whose verdicts the batch carries (they must exist as accounts before the
   * batch is imported). Each judged artifact gets verdicts from two of them on about 60% of artifacts,
   * with per-annotator error rates, so agreement statistics have something real to measure.
   */
  annotators?: string[];
}

export type DemoRecord = Record<string, unknown> & { type: string };

const VERDICT_BASE = Date.UTC(2026, 10, 2);

/** A realistic, deterministic batch in the import format, record by record (users first, then their posts and artifacts). */
export function* generateDemoBatch(opts: DemoOptions): Generator<DemoRecord> {
  const rng = new Rng(opts.seed);
  const annotators = opts.annotators ?? [];
  const errorRates = annotators.map((_, i) => 0.06 + ((i * 7) % 5) * 0.04);
  for (let u = 0; u < opts.users; u++) {
    const person = makePerson(rng, u);
    yield { type: "user", uid: person.uid, platform: person.platform, meta: { joined: 2010 + (u % 12), source: "demo" } };
    const posts = makePosts(rng, person, u);
    yield* posts as unknown as DemoRecord[];
    for (const { record, truth } of makeArtifacts(rng, person, posts, u)) {
      yield record as unknown as DemoRecord;
      if (annotators.length >= 2 && rng.chance(0.6)) yield* verdictsFor(rng, record, truth, annotators, errorRates);
    }
  }
}

function verdictsFor(rng: Rng, a: DemoArtifact, truth: Truth, annotators: string[], errorRates: number[]): DemoRecord[] {
  const first = rng.int(0, annotators.length - 1);
  const second = (first + rng.int(1, annotators.length - 1)) % annotators.length;
  return [first, second].map((who) => {
    const wrong = rng.chance(errorRates[who] + (truth.tier === "borderline" ? 0.15 : 0));
    const decision = (truth.expected === "reject") !== wrong ? "reject" : "accept";
    const at = new Date(VERDICT_BASE + rng.int(0, 20 * 24 * 60) * 60_000).toISOString();
    const base = { type: "verdict", artifact_id: a.id, annotator: annotators[who], created_at: at };
    if (decision === "reject") return { ...base, decision, reasons: [truth.reason ?? rng.pick(["generic", "off_topic", "hallucination"])] };
    if (rng.chance(0.12) && "text" in a.content) {
      const text = `${String(a.content.text).replace(/\s+$/, "")} (edited for clarity)`;
      return { ...base, decision: "edit", reasons: ["other"], content: { ...a.content, text }, comment: "tightened the wording" };
    }
    return { ...base, decision: "accept", reasons: [] };
  });
}
