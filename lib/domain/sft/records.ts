import type { ArtifactKind } from "../kinds";
import { renderTemplate, type SftTask } from "./templates";

/**
 * Final accepted artifacts turned into chat-format SFT records (ShareGPT-compatible `messages`),
 * keeping provenance: uid, `source` = `<platform>.<task>`, and the artifact and post ids.
 */

export interface SftRecord {
  messages: [{ role: "user"; content: string }, { role: "assistant"; content: string }];
  uid: string;
  source: string;
  artifact_ids: string[];
  post_ids: string[];
}

export interface FinalArtifact {
  id: string;
  uid: string;
  platform: string;
  kind: ArtifactKind;
  flavor: string | null;
  /** the content that ships: the accepted edit if there was one */
  content: Record<string, unknown>;
  postIds: string[];
}

export interface UserPost {
  id: string;
  createdAt: string | null;
  text: string;
}

export type Templates = Record<SftTask, string>;

const str = (v: unknown) => (typeof v === "string" ? v : "");
const characters = (v: unknown) =>
  v && typeof v === "object"
    ? Object.entries(v as Record<string, unknown>)
        .map(([name, who]) => `${name}: ${str(who)}`)
        .join("; ")
    : "";

function record(task: string, a: FinalArtifact, prompt: string, answer: string, extra: { artifactIds?: string[]; postIds?: string[] } = {}): SftRecord {
  return {
    messages: [
      { role: "user", content: prompt },
      { role: "assistant", content: answer },
    ],
    uid: a.uid,
    source: `${a.platform}.${task}`,
    artifact_ids: extra.artifactIds ?? [a.id],
    post_ids: extra.postIds ?? a.postIds,
  };
}

/**
 * The records of one user: every task their accepted artifacts support. Persona-conditioned tasks
 * use the user's accepted persona when there is one. Writing imitation pairs a summary with the post
 * it summarizes and gives the user's earlier posts (at most `pastPosts`) as context.
 */
export function userRecords(templates: Templates, artifacts: FinalArtifact[], posts: UserPost[], pastPosts = 5): SftRecord[] {
  const out: SftRecord[] = [];
  const persona = artifacts.find((a) => a.kind === "persona");
  const personaText = persona ? str(persona.content.text) : "";
  const byDate = [...posts].sort((x, y) => (x.createdAt ?? "").localeCompare(y.createdAt ?? "") || (x.id < y.id ? -1 : 1));
  for (const a of artifacts) {
    const c = a.content;
    switch (a.kind) {
      case "profile":
        if (persona) {
          out.push(record("profile_from_persona", a, renderTemplate(templates.profile_from_persona, { persona: personaText }), str(c.text), { artifactIds: [persona.id, a.id] }));
        }
        break;
      case "social_qa":
        out.push(
          record(`social_qa_${a.flavor ?? "general"}`, a, renderTemplate(templates.social_qa, { persona: personaText, scenario: str(c.scenario), question: str(c.question) }), str(c.answer), {
            artifactIds: persona ? [persona.id, a.id] : [a.id],
          }),
        );
        break;
      case "scenario":
        out.push(record("scenario", a, renderTemplate(templates.scenario, { characters: characters(c.characters), summary: str(c.summary) }), str(c.scenario)));
        break;
      case "story":
      case "behavior_story":
        out.push(record(a.kind, a, renderTemplate(templates[a.kind], { background: str(c.background), characters: characters(c.characters) }), str(c.story)));
        break;
      case "thoughts":
        out.push(record("thoughts", a, renderTemplate(templates.thoughts, { background: str(c.background), characters: characters(c.characters) }), str(c.thoughts)));
        break;
      case "summary": {
        const target = byDate.findIndex((p) => p.id === a.postIds[0]);
        if (target < 0) break;
        const past = byDate.slice(Math.max(0, target - pastPosts), target);
        const prompt = renderTemplate(templates.writing_imitation, { past_posts: past.map((p) => `- ${p.text}`).join("\n") || "(none)", summary: str(c.text) });
        out.push(record("writing_imitation", a, prompt, byDate[target].text, { postIds: [...past.map((p) => p.id), byDate[target].id] }));
        break;
      }
      default:
        break; // persona, stories and writing_style condition other tasks; they are not targets themselves
    }
  }
  return out;
}
