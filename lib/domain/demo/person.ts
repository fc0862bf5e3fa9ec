import type { Platform } from "../kinds";
import { Rng } from "../rng";
import { CITIES, FIRST_NAMES, HOBBIES, JOBS, LAST_NAMES, MOODS, PETS, STREETS, type Hobby } from "./vocabulary";

/** The hidden life of one invented source user: posts and artifacts are both written from it. */
export interface Person {
  uid: string;
  platform: Platform;
  first: string;
  last: string;
  email: string;
  city: string;
  job: string;
  hobby: Hobby;
  pet: string;
  age: number;
  mood: string;
  handle: string;
  address: string;
  /** small personal numbers that make one person's texts their own (real users rarely repeat each other word for word) */
  km: number;
  months: number;
  weeks: number;
  /** the person's own club, a made-up name unique to them: their texts never repeat another user's word for word */
  club: string;
}

const SYLLABLES = ["ka", "lo", "mi", "ren", "to", "sa", "vi", "dor", "nu", "pel", "qua", "zin", "bo", "tes", "ar", "el"];
const CLUB_KINDS = ["Striders", "Circle", "Collective", "Crew", "Society"];

/** A pronounceable name from the user's index (base 16 in syllables): unique per index. */
function clubName(rng: Rng, index: number): string {
  let n = index + 1;
  let name = "";
  do {
    name += SYLLABLES[n % 16];
    n = Math.floor(n / 16);
  } while (n > 0);
  return `${name[0].toUpperCase()}${name.slice(1)} ${rng.pick(CLUB_KINDS)}`;
}

const PLATFORM_WEIGHTS: [Platform, number][] = [
  ["reddit", 0.4],
  ["twitter", 0.25],
  ["blogger", 0.15],
  ["amazon", 0.2],
];

export function makePerson(rng: Rng, index: number): Person {
  let r = rng.next();
  let platform: Platform = "reddit";
  for (const [p, w] of PLATFORM_WEIGHTS) {
    if (r < w) {
      platform = p;
      break;
    }
    r -= w;
  }
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const id = index.toString(36).padStart(5, "0");
  const prefix = { reddit: "reddit:u_", twitter: "twitter:", blogger: "blogger:", amazon: "amazon:A" }[platform];
  return {
    uid: `${prefix}${id}`,
    platform,
    first,
    last,
    email: `${first}.${last}${rng.int(10, 99)}@example.com`.toLowerCase(),
    city: rng.pick(CITIES),
    job: rng.pick(JOBS),
    hobby: rng.pick(HOBBIES),
    pet: rng.pick(PETS),
    age: rng.int(19, 67),
    mood: rng.pick(MOODS),
    handle: `@${first.toLowerCase()}_${id}`,
    address: `${rng.int(2, 140)} ${rng.pick(STREETS)}`,
    km: rng.int(3, 99),
    months: rng.int(2, 30),
    weeks: rng.int(2, 52),
    club: clubName(rng, index),
  };
}
