import fs from "node:fs";
import path from "node:path";
import { Rng } from "@/lib/domain/rng";
import { CATEGORIES, writeAmazonProducts, writeAmazonUser } from "./amazon";
import { writeBloggerUser } from "./blogger";
import { writeText } from "./formats";
import { writeSocialMaps, writeSocialUser } from "./social";

/**
 * A HumanLLM data directory as the pipeline's official code leaves it on disk (its folders, file
 * formats and quirks), with made-up users: the corpus the import tests and the import benchmark
 * read. The same seed gives the same corpus.
 */
export interface CorpusOptions {
  /** users per platform (Amazon's split over its categories) */
  users: { reddit?: number; twitter?: number; blogger?: number; amazon?: number };
  seed: string;
  /** the chance that a user has each post-level stage's file (default 1) */
  postStages?: number;
  /** the most posts a user has (default 30) */
  maxPosts?: number;
  /** the share of Reddit and Twitter users whose 45 long posts pass the prompts' 80,000 tokens (default 1 in 40) */
  longUsers?: number;
  /** called after each user written */
  onUser?: (done: number, total: number) => void;
}

export function writeCorpus(dir: string, opts: CorpusOptions): { users: number } {
  const rng = new Rng(opts.seed);
  const postStages = opts.postStages ?? 1;
  const maxPosts = opts.maxPosts ?? 30;
  const longUsers = opts.longUsers ?? 1 / 40;
  const { reddit = 0, twitter = 0, blogger = 0, amazon = 0 } = opts.users;
  const total = reddit + twitter + blogger + amazon;
  let done = 0;
  const tick = () => opts.onUser?.(++done, total);
  fs.mkdirSync(dir, { recursive: true });
  for (let n = 0; n < reddit; n++, tick()) writeSocialUser(dir, "reddit", n, rng, { postStages, maxPosts, longUsers });
  if (reddit) writeSocialMaps(dir, "reddit", reddit);
  for (let n = 0; n < twitter; n++, tick()) writeSocialUser(dir, "twitter", n, rng, { postStages, maxPosts, longUsers });
  if (twitter) writeSocialMaps(dir, "twitter", twitter);
  for (let n = 0; n < blogger; n++, tick()) writeBloggerUser(dir, n, rng, { postStages, maxPosts });
  if (blogger) writeText(path.join(dir, "blogger", "blogtext_v1.csv"), '"id","gender","age","topic","sign","date","text"\n');
  if (amazon) writeAmazonProducts(dir, rng);
  for (let n = 0; n < amazon; n++, tick()) writeAmazonUser(dir, CATEGORIES[n % CATEGORIES.length], Math.floor(n / CATEGORIES.length), rng, { maxPosts });
  return { users: total };
}
