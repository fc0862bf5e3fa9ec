import { DEFAULT_RUBRIC, SOCIAL_QA_FLAVORS, rubricKey, type ArtifactKind, type ReasonCode } from "../kinds";
import type { DemoPost } from "./posts";
import type { Person } from "./person";
import type { Rng } from "../rng";
import { UNSUPPORTED_CLAIMS, WRITING_STYLES } from "./vocabulary";

export type Problem = "unsupported" | "leak" | "giveaway";
export type Tier = "pass" | "borderline" | "fail";

export interface DemoArtifact {
  type: "artifact";
  id: string;
  uid: string;
  kind: ArtifactKind;
  flavor?: string;
  content: Record<string, unknown>;
  source_post_ids: string[];
  generator: { model: string; prompt: string };
  judge?: { model: string; scores: Record<string, number>; explanation: string };
}

/** What a careful reviewer should decide, kept beside the record to simulate annotators. */
export interface Truth {
  tier: Tier | "unjudged";
  problem: Problem | null;
  expected: "accept" | "reject";
  reason: ReasonCode | null;
}

const POST_KINDS: ArtifactKind[] = ["social_qa", "social_qa", "scenario", "story", "behavior_story", "thoughts", "summary"];

function judge(rng: Rng, kind: ArtifactKind, flavor: string | undefined, tier: Tier) {
  const thresholds = DEFAULT_RUBRIC[rubricKey(kind, flavor)];
  const metrics = Object.keys(thresholds);
  const low = new Set(tier === "fail" ? [rng.pick(metrics), rng.pick(metrics)] : tier === "borderline" ? [rng.pick(metrics)] : []);
  const scores: Record<string, number> = {};
  for (const m of metrics) {
    const min = thresholds[m as keyof typeof thresholds]!;
    scores[m] = low.has(m) ? Math.max(1, min - (tier === "fail" ? rng.int(1, 4) : 1)) : rng.int(min, 10);
  }
  const explanation =
    tier === "pass"
      ? "The output is well grounded in the user's posts and follows the format."
      : `Scores lowered for ${[...low].join(" and ")}: parts of the output are weakly supported by the posts.`;
  return { model: "Qwen2.5-72B-Instruct", scores, explanation };
}

function contentFor(kind: ArtifactKind, flavor: string | undefined, p: Person, post: DemoPost | null, problem: Problem | null, rng: Rng) {
  const who = problem === "leak" ? `${p.first} ${p.last} (${p.email})` : "PersonA";
  const extra = problem === "unsupported" ? ` ${rng.pick(UNSUPPORTED_CLAIMS)}` : "";
  const h = p.hobby;
  const bit = post ? post.text.split(". ")[0] : `${who} enjoys ${h.name}`;
  switch (kind) {
    case "persona":
      return { text: `${who} is a ${p.age}-year-old ${p.job} living in ${p.city} who spends free time on ${h.name} with the ${p.club} and saved ${p.months} months for new gear.${extra}` };
    case "profile":
      return {
        text: `Demographics: ${who}, around ${p.age}, works as a ${p.job} in ${p.city}. Interests: ${h.name} with the ${p.club}; recently ${h.activity}. Concerns: ${h.worry}. Household: lives with ${p.pet}.${extra}`,
      };
    case "stories":
      return {
        stories: [
          { summary: `${h.name} milestone`, content: `${who} ${h.activity} with the ${p.club}, ${p.km} km from home in ${p.city}, and felt ${p.mood}.${extra}` },
          { summary: "saving up", content: `${who} saved for ${p.months} months to buy new ${h.gear[0]}.` },
        ],
      };
    case "writing_style":
      return { text: `${rng.pick(WRITING_STYLES)} Writes like a ${p.age}-year-old ${p.job} from ${p.city}, often about ${h.name} and the ${p.club}.` };
    case "summary":
      return { text: `The author, a member of the ${p.club}, says: ${bit}.` };
    case "social_qa": {
      const answer = `${who} would talk it over with friends from the ${p.club} and try again next weekend, worried about ${h.worry}.`;
      const scenario = `${who}, a ${p.job}, posts about ${h.name} after a long week.${problem === "giveaway" ? ` ${answer}` : ""}`;
      const question = { general: "What would PersonA do next?", thoughts: "What is PersonA thinking?", actions: "How does PersonA act?", why: "Why does PersonA keep at it?" }[flavor ?? "general"];
      return { scenario, question, answer: `${answer}${extra}` };
    }
    case "scenario":
      return {
        characters: { PersonA: `a ${p.job} who loves ${h.name}`, PersonB: "a curious coworker" },
        summary: `PersonA explains ${h.name} and the ${p.club} to PersonB.`,
        scenario: `At lunch, PersonB asks ${who} about ${h.name}; ${who} mentions that ${bit.toLowerCase()}.${extra}`,
      };
    case "story":
    case "behavior_story":
      return { background: `${who} lives in ${p.city} and belongs to the ${p.club}.`, characters: { PersonA: `a ${p.job}` }, story: `${who} ${h.activity} with the ${p.club}. ${bit}.${extra}` };
    case "thoughts":
      return {
        background: `${who} just finished a shift as a ${p.job}.`,
        characters: { PersonA: `a ${p.job}` },
        thoughts: `I should stop worrying about ${h.worry} and see the ${p.club} again. ${bit}.${extra}`,
      };
  }
}

const REASON: Record<Problem, ReasonCode> = { unsupported: "hallucination", leak: "pii", giveaway: "leakage" };

/** The artifacts of one person: four user-level kinds and five post-level ones, with their truth. */
export function makeArtifacts(rng: Rng, p: Person, posts: DemoPost[], userIndex: number): { record: DemoArtifact; truth: Truth }[] {
  const out: { record: DemoArtifact; truth: Truth }[] = [];
  const kinds: { kind: ArtifactKind; post: DemoPost | null }[] = [
    ...(["persona", "profile", "stories", "writing_style"] as ArtifactKind[]).map((kind) => ({ kind, post: null })),
    ...Array.from({ length: 5 }, (_, i) => ({ kind: POST_KINDS[(userIndex + i) % POST_KINDS.length], post: posts[i % posts.length] })),
  ];
  kinds.forEach(({ kind, post }, i) => {
    const flavor = kind === "social_qa" ? SOCIAL_QA_FLAVORS[(userIndex + i) % SOCIAL_QA_FLAVORS.length] : undefined;
    const judged = Object.keys(DEFAULT_RUBRIC[rubricKey(kind, flavor)]).length > 0 && p.platform !== "amazon";
    const r = rng.next();
    const tier: Tier = r < 0.55 ? "pass" : r < 0.8 ? "borderline" : "fail";
    const canPlant = kind !== "writing_style" && kind !== "summary";
    const problem: Problem | null = !canPlant || !rng.chance(0.18) ? null : kind === "social_qa" && rng.chance(0.5) ? "giveaway" : rng.pick(["unsupported", "leak"] as const);
    const record: DemoArtifact = {
      type: "artifact",
      id: `a-${userIndex.toString(36)}-${i}`,
      uid: p.uid,
      kind,
      ...(flavor ? { flavor } : {}),
      content: contentFor(kind, flavor, p, post, problem, rng),
      source_post_ids: post ? [post.id] : posts.map((x) => x.id),
      generator: { model: "Llama-3.3-70B-Instruct", prompt: `${flavor ? `${kind}_${flavor}` : kind}_v2` },
      ...(judged ? { judge: judge(rng, kind, flavor, tier) } : {}),
    };
    const expected = problem || (judged && tier === "fail") ? "reject" : "accept";
    out.push({ record, truth: { tier: judged ? tier : "unjudged", problem, expected, reason: problem ? REASON[problem] : expected === "reject" ? "generic" : null } });
  });
  return out;
}
