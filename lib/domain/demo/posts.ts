import type { Rng } from "../rng";
import type { Person } from "./person";

export interface DemoPost {
  type: "post";
  id: string;
  uid: string;
  platform: Person["platform"];
  kind: "submission" | "comment" | "tweet" | "blog" | "review";
  created_at: string;
  title?: string;
  text: string;
  rewrite: string;
  tags: { quality: "high" | "medium" | "low"; harmless: boolean };
  meta: Record<string, unknown>;
}

const DAY = 86_400_000;
const BASE = Date.UTC(2019, 0, 1);

/** The pipeline's rewrite: URLs, handles and emails go; now and then it changes a fact (reviewers must compare). */
function rewriteOf(rng: Rng, p: Person, text: string): string {
  let out = text
    .replace(/https?:\/\/\S+/g, "[link]")
    .replace(/@\w+/g, "[user]")
    .replace(/[\w.]+@example\.com/g, "[email]");
  if (rng.chance(0.1)) out = out.replace(p.city, "a nearby city");
  return out;
}

function sentences(rng: Rng, p: Person): string[] {
  const h = p.hobby;
  return [
    `Last weekend I ${h.activity} with the ${p.club}, ${p.km} km from home, and I'm honestly ${p.mood} about it.`,
    `Working as a ${p.job} in ${p.city} leaves me tired, but ${h.name} with the ${p.club} keeps me sane.`,
    `My biggest worry right now is ${h.worry}, for ${p.weeks} weeks now.`,
    `I finally bought a ${rng.pick(h.gear)} after saving up for ${p.months} months.`,
    p.pet === "no pets" ? "I don't have pets, my flat is too small." : `I live with ${p.pet}, who judge everything I do.`,
    `Anyone else here into ${h.name}? I'd love tips from people who started in their ${Math.floor(p.age / 10) * 10}s.`,
  ];
}

/** Four to six posts in the shape of the person's platform, oldest first. */
export function makePosts(rng: Rng, p: Person, userIndex: number): DemoPost[] {
  const count = rng.int(4, 6);
  const pool = sentences(rng, p);
  let t = BASE + rng.int(0, 1500) * DAY;
  const posts: DemoPost[] = [];
  for (let i = 0; i < count; i++) {
    t += rng.int(2, 40) * DAY;
    const a = pool[i % pool.length];
    const b = pool[(i + 2) % pool.length];
    let text = `${a} ${b}`;
    if (i === 1) text += ` My sister keeps telling me I sign everything "${p.first} ${p.last}" like a letter. Reach me at ${p.email}.`;
    if (i === 2 && p.platform === "twitter") text += ` ${p.handle} out. https://pics.example.net/${userIndex}`;
    const base = {
      type: "post" as const,
      id: "",
      uid: p.uid,
      platform: p.platform,
      created_at: new Date(t).toISOString(),
      text,
      rewrite: "",
      tags: { quality: rng.pick(["high", "high", "medium", "low"] as const), harmless: !rng.chance(0.03) },
      meta: {} as Record<string, unknown>,
    };
    const n = `${userIndex.toString(36)}_${i}`;
    if (p.platform === "reddit") {
      const isComment = i % 3 === 2;
      posts.push({
        ...base,
        id: `reddit:${isComment ? "t1" : "t3"}_${n}`,
        kind: isComment ? "comment" : "submission",
        title: isComment ? undefined : `${p.hobby.name}: ${a.slice(0, 60)}`,
        meta: { subreddit: rng.pick([p.hobby.subreddit, "AskReddit", p.hobby.subreddit]), score: rng.int(-3, 2400) },
      });
    } else if (p.platform === "twitter") {
      posts.push({ ...base, id: `twitter:${1_100_000_000 + userIndex * 10 + i}`, kind: "tweet", text: text.slice(0, 280), meta: { likes: rng.int(0, 300), retweets: rng.int(0, 40) } });
    } else if (p.platform === "blogger") {
      posts.push({
        ...base,
        id: `blogger:${n}`,
        kind: "blog",
        title: `Notes from ${p.city}: ${p.hobby.name}, week ${i + 1}`,
        text: `${text} ${pool[(i + 4) % pool.length]}`,
        meta: { blog: `${p.first.toLowerCase()}-writes` },
      });
    } else {
      const item = p.hobby.gear[i % p.hobby.gear.length];
      const rating = rng.int(1, 5);
      posts.push({
        ...base,
        id: `amazon:R${n}`,
        kind: "review",
        title: rating >= 4 ? "Does the job" : "Disappointed",
        text: `${rating >= 4 ? "Great" : "Mediocre"} ${item} for ${p.hobby.name}. ${a}`,
        meta: { rating, item_title: `${item[0].toUpperCase()}${item.slice(1)} (${p.hobby.name} edition)`, verified_purchase: rng.chance(0.8) },
      });
    }
    const last = posts[posts.length - 1];
    last.rewrite = rewriteOf(rng, p, last.text);
  }
  return posts;
}
