/** Word pools for the demo batch: invented people with consistent lives, so artifacts can be checked against posts. */

export const FIRST_NAMES = ["Maria", "James", "Aisha", "Tomasz", "Priya", "Lucas", "Hannah", "Kenji", "Sofia", "Daniel", "Amara", "Mateo", "Ingrid", "Omar", "Chloe", "Ravi"] as const;
export const LAST_NAMES = ["Lopez", "Whitfield", "Okafor", "Nowak", "Raman", "Moreau", "Becker", "Tanaka", "Rossi", "Kim", "Mensah", "Alvarez", "Larsen", "Haddad", "Dubois", "Iyer"] as const;
export const CITIES = ["Leeds", "Porto", "Austin", "Lyon", "Pune", "Tampere", "Denver", "Cork", "Ghent", "Osaka", "Accra", "Valencia"] as const;
export const STREETS = ["Maple Street", "Harbour Road", "Elm Avenue", "Station Lane", "Mill Road"] as const;

export interface Hobby {
  name: string;
  subreddit: string;
  gear: string[];
  activity: string;
  worry: string;
}

export const HOBBIES: Hobby[] = [
  { name: "trail running", subreddit: "trailrunning", gear: ["trail shoes", "hydration vest", "headlamp"], activity: "ran a hilly 20k loop", worry: "my knee flaring up again" },
  { name: "sourdough baking", subreddit: "Sourdough", gear: ["dutch oven", "banneton", "kitchen scale"], activity: "baked a loaf with 80% hydration", worry: "my starter going flat" },
  { name: "gardening", subreddit: "gardening", gear: ["pruning shears", "raised bed kit", "watering can"], activity: "planted tomatoes and basil", worry: "slugs eating the seedlings" },
  { name: "board games", subreddit: "boardgames", gear: ["card sleeves", "game table", "dice tower"], activity: "hosted a six-player game night", worry: "friends losing interest" },
  { name: "home coffee", subreddit: "Coffee", gear: ["burr grinder", "pour-over kettle", "espresso machine"], activity: "dialed in a light roast", worry: "spending too much on beans" },
  { name: "cycling", subreddit: "cycling", gear: ["bike lights", "saddle bag", "cycling jacket"], activity: "rode 60 km along the river", worry: "cars passing too close" },
  { name: "photography", subreddit: "photography", gear: ["50mm lens", "tripod", "camera bag"], activity: "shot the sunrise at the harbour", worry: "my photos looking flat" },
  { name: "knitting", subreddit: "knitting", gear: ["bamboo needles", "merino yarn", "stitch markers"], activity: "finished a cable-knit sweater", worry: "running out of yarn mid-project" },
];

export const JOBS = [
  "nurse",
  "software developer",
  "high school teacher",
  "electrician",
  "graphic designer",
  "accountant",
  "line cook",
  "librarian",
  "warehouse supervisor",
  "physiotherapist",
] as const;
export const PETS = ["a rescue greyhound", "two cats", "a parrot", "an old beagle", "no pets"] as const;
export const MOODS = ["proud", "anxious", "relieved", "frustrated", "hopeful"] as const;

/** Sentences that no post supports: planted so that reviewers (and the evidence view) catch them. */
export const UNSUPPORTED_CLAIMS = [
  "They recently won a national championship in competitive chess.",
  "They spent ten years living on a sailboat in the Caribbean.",
  "They hold a doctorate in marine biology from Oxford.",
  "They are a former professional football player.",
] as const;

export const WRITING_STYLES = [
  "Writes in short, casual sentences with lots of exclamation marks and self-deprecating jokes.",
  "Writes long, carefully structured paragraphs, often with numbered lists and precise measurements.",
  "Writes tersely and practically, asks direct questions and rarely shares feelings.",
  "Writes warmly and chattily, addresses readers directly and ends with a question.",
] as const;
