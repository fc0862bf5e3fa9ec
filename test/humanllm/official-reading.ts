/**
 * An independent reading of a HumanLLM data directory, as the official pipeline
 * (broalantaps/AnthropomorphicIntelligence, HumanLLM/dataset) writes and reads it.
 *
 * This is a port, written from the official scripts and nothing else (it imports nothing from
 * lib/): for every generation the official code writes and its own SFT step
 * (generate_sft_data.py) can parse, it lists where the generation is, which posts its prompt was
 * given (following the generation scripts' own selection of posts) and the judge scores the SFT
 * step reads (a port of generate_sft_data.py:parse_xml_string_as_kv_dict), kept to the metrics the
 * stage's judge prompt asks for.
 *
 * References below are to the official files at HEAD 9fdd7d8 ("file.py:line" or "file.py:function").
 *
 * Truncations in the official prompts, and what this reading does about them:
 *  - Reddit, Twitter and Amazon generation prompts are cut to max_in_length tokens (80000 for every
 *    user-level stage and every post-level stage) by the Llama-3.3 tokenizer, keeping the head
 *    (reddit_data_gen.py / twitter_data_gen.py / amazon_data_gen.py: truncate_and_generate_batch).
 *    That needs the tokenizer, so every selected post is cited. (A prompt of at most 80000 UTF-8
 *    bytes is never cut, since a byte-level BPE token is at least one byte; the untruncated prompt
 *    is kept in the stage's `_prompt` folder. Beyond that the cut point cannot be known here.)
 *  - Blogger user-level prompts are cut at USER_TEXT_MAX_LEN = 32000 characters (code points) of
 *    prompt + posts (blogger_data_gen.py:gen_content_and_output2file_bydir, :214-215, and
 *    job_unified_userwise_llm_generation_csv2txt, :708-709). That is computed exactly: a post is
 *    cited when at least the first character of its text (after its "Post : k\n" header) is within
 *    the first 32000 characters; a post cut part-way is cited, a post of which only the header (or
 *    nothing) fits is not.
 *  - Blogger post-level prompts are cut at 32000 characters too (:112-113), and the judges cut the
 *    original post (42000 characters in data_judger.py, 32000 in blogger_data_judger.py). These
 *    concern a single post, which is cited either way.
 *
 * Judgement calls (where the official code does not say):
 *  - A generation file that exists is taken as written by the official code: min_post /
 *    record_threshold are not re-checked. Only the max_post cut is applied (rows past it were never
 *    asked, whatever the file says).
 *  - A post-level row is matched to its post by key (Reddit submission `id`, comment `com_id`, tweet
 *    `id`, Amazon `item_id`; Blogger by date + text + cleaned_text), in order, each post once; its
 *    judge row by key and the same generated text first, then by key alone.
 *  - Stories are readable when parse_json_string_stories finds at least one (the SFT tasks then need 3).
 *  - users_single_long_thought is never read by the SFT step: it is read as its prompt asks
 *    (<background>, <thoughts>).
 *  - Writing style without the v2 tagging folders falls back on the post/review summary file
 *    (same selection); Blogger's without by_users_quality_tagging_v2_rewritten on the high posts of
 *    50 characters or more (the rewrite's own gate), with no cut.
 *  - The judge folder is `_judger_Qwen2.5-72B` when present, else `_judger`, else the first `_judger*`.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import llama3Tokenizer from "llama3-tokenizer-js";

export interface OfficialArtifact {
  /** where the generation is: user level "reddit/users_persona_v2(medium_high)/1001.txt" (Amazon: "amazon/users_persona/Books/4001.txt");
   *  post level "reddit/scenario_question_answer_from_single_blog(medium_high)/1001.json:3" (the 1-based physical line; for Blogger CSV, the physical line the record starts on, the header being line 1) */
  at: string;
  /** the posts the generation's prompt was given, each "platform/<posts folder>[/<category>]/<uid>.<ext>:<line>", sorted */
  sources: string[];
  /** the judge's scores as the official SFT step reads them, kept to the metrics that stage's judge prompt asks for; null when there is no judge answer or no score in it */
  scores: Record<string, number> | null;
}

export interface OfficialReadingOptions {
  /**
   * Reproduce an official bug: for Blogger's users_single_long_story_focusonbehavior the SFT step
   * collects the characters as <character> entries (generate_sft_data.py:2393-2403, copied from the
   * long-scenario branch), while that stage's prompt asks for a single <characters> field
   * (blogger_prompt.py:PROMPT_job_rowwise_single_long_story_focusonbehavior), so it drops nearly every
   * row. Default false: read <characters>, as the prompt asks and as the SFT step's Reddit/Twitter
   * branch reads the same stage (:575-580).
   */
  bloggerFocusCharacterBug?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Python semantics the official code relies on
// ---------------------------------------------------------------------------------------------

/** Python's `\s` (and str.strip()/isspace()) for str: these code points, not JavaScript's set. */
const PY_WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const WS = `[${PY_WS}]`;
const STRIP_RE = new RegExp(`^${WS}+|${WS}+$`, "gu");

/** str.strip() */
function pyStrip(s: string): string {
  return s.replace(STRIP_RE, "");
}

/** len(str): code points */
function pyLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** What open(path, "r") gives: universal newlines, "\r\n" and "\r" read as "\n". */
function universalNewlines(s: string): string {
  return s.replace(/\r\n?/g, "\n");
}

/** utils.py:is_null. NaN/None, "", or (case-insensitively, NOT stripped) n/a, null, none, nan.
 *  A value that is not a string cannot be used by the SFT step (it calls .lower() on it), so it counts as null. */
function isNull(v: unknown): boolean {
  if (typeof v !== "string") return true;
  if (v === "") return true;
  const l = v.toLowerCase();
  return l === "n/a" || l === "null" || l === "none" || l === "nan";
}

/** utils.py:extract_tag_content: first "<tag>", then the first "</tag>" after it, stripped; case-sensitive. */
function extractTag(text: string, tag: string): string | null {
  const open = `<${tag}>`;
  const start = text.indexOf(open);
  if (start < 0) return null;
  const from = start + open.length;
  const end = text.indexOf(`</${tag}>`, from);
  if (end < 0) return null;
  return pyStrip(text.slice(from, end));
}

/** utils.py:extract_tag_content_with_bounds */
function extractTagFrom(text: string, tag: string, begin: number): { content: string; next: number } | null {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  const start = text.indexOf(open, begin);
  if (start < 0) return null;
  const from = start + open.length;
  const end = text.indexOf(close, from);
  if (end < 0) return null;
  return { content: pyStrip(text.slice(from, end)), next: end + close.length };
}

/** generate_sft_data.py's loop over <character> entries (:512-520, :2395-2403): until a null or a repeated one, joined with "; ". */
function characterList(text: string): string {
  const all: string[] = [];
  let begin = 0;
  for (;;) {
    const got = extractTagFrom(text, "character", begin);
    if (got === null || isNull(got.content) || all.includes(got.content)) break;
    all.push(got.content);
    begin = got.next;
  }
  return all.join("; ");
}

/** utils.py:extract_field_from_json_re_2: `"<field>"\s*:\s*(?:"([^"]*?)"|([^,}\s]+))`, first match. */
function extractJsonField(s: unknown, field: string): string | null {
  if (typeof s !== "string") return null;
  const m = new RegExp(`"${field}"${WS}*:${WS}*(?:"([^"]*?)"|([^,}${PY_WS}]+))`, "u").exec(s);
  if (!m) return null;
  return m[1] !== undefined ? m[1] : (m[2] ?? null);
}

/** The v2 tagging test (reddit_data_gen.py:449-454 and the same in twitter/amazon): unsafe content "no" and social event "yes", lower-cased. */
function passesV2(tag: unknown): boolean {
  const unsafe = extractJsonField(tag, "unsafe content");
  const social = extractJsonField(tag, "social event");
  if (unsafe === null || social === null) return false;
  return unsafe.toLowerCase() === "no" && social.toLowerCase() === "yes";
}

/** The v1 tag test on a clean_data row (reddit_data_gen.py:351-353; twitter_data_gen.py:294-296; amazon_data_gen.py:250-252):
 *  <quality> high or medium and <harmless> yes, exactly (case-sensitive tags and values, values stripped). */
function qualityOf(row: Row): { quality: string | null; harmless: string | null } {
  const tag = row.quality_tag;
  if (typeof tag !== "string") return { quality: null, harmless: null };
  return { quality: extractTag(tag, "quality"), harmless: extractTag(tag, "harmless") };
}
function isQualifiedV1(row: Row): boolean {
  const { quality, harmless } = qualityOf(row);
  return (quality === "high" || quality === "medium") && harmless === "yes";
}

const ND = /^\p{Nd}$/u;
/** int() of a run of Unicode decimal digits (\d in a Python str pattern is any Nd digit). */
function pyInt(digits: string): number {
  let out = "";
  for (const ch of digits) {
    if (ch >= "0" && ch <= "9") {
      out += ch;
      continue;
    }
    // Nd digits come in contiguous runs 0..9: the value is the position in the run
    const cp = ch.codePointAt(0)!;
    let k = 0;
    while (ND.test(String.fromCodePoint(cp - k - 1))) k++;
    out += String(k % 10);
  }
  return Number(out);
}

const SCORE_RE = new RegExp(`<([\\p{L}\\p{N}_]+)>${WS}*(\\p{Nd}+)${WS}*</\\1>`, "gu");

/**
 * generate_sft_data.py:parse_xml_string_as_kv_dict (:66-83):
 *  1. remove every "\n" (only "\n");
 *  2. re.sub(r"<data>(.*)</data>", r"\1"): `.` matches all that is left, so this drops the first
 *     "<data>" and the last "</data>" after it, keeping everything around them (code fences too);
 *  3. re.findall(r"<(\w+)>\s*(\d+)\s*</\1>"): case-sensitive names, the closing tag must repeat the
 *     name, digits only (no sign, no decimals, no "/10"), whitespace around them allowed;
 *  4. score_dict[key] = int(value) in order, so a later repeat wins; 0 and values above 10 are kept.
 */
function parseScoreDict(raw: string): Map<string, number> {
  let s = raw.replace(/\n/g, "");
  const open = s.indexOf("<data>");
  if (open >= 0) {
    const close = s.lastIndexOf("</data>");
    if (close >= open + "<data>".length) s = s.slice(0, open) + s.slice(open + "<data>".length, close) + s.slice(close + "</data>".length);
  }
  const scores = new Map<string, number>();
  for (const m of s.matchAll(SCORE_RE)) scores.set(m[1], pyInt(m[2]));
  return scores;
}

/** The scores of one judge answer, kept to the metrics the stage's judge prompt asks for; null when none. */
function scoresFrom(answer: unknown, metrics: readonly string[]): Record<string, number> | null {
  if (typeof answer !== "string") return null;
  const all = parseScoreDict(answer);
  const kept: Record<string, number> = {};
  let any = false;
  for (const m of metrics) {
    const v = all.get(m);
    if (v !== undefined) {
      kept[m] = v;
      any = true;
    }
  }
  return any ? kept : null;
}

/**
 * generate_sft_data.py:parse_json_string_stories (:43-54): a regex over the whole answer (no brackets
 * needed, a preamble or fence does no harm), keys and values in either quote; "summary" must come
 * before "content" with only a comma between; a value ends at the first quote of its kind, even an
 * escaped one; then `\\(.)` -> `\1` (so "\n" becomes "n") and strip.
 */
const STORY_RE = new RegExp(`(?:"summary"|'summary')${WS}*:${WS}*(["'])(.*?)\\1${WS}*,${WS}*(?:"content"|'content')${WS}*:${WS}*(["'])(.*?)\\3`, "gsu");
function parseStories(text: string): { summary: string; content: string }[] {
  const unescape = (s: string) => pyStrip(s.replace(/\\([^\n])/gu, "$1"));
  return [...text.matchAll(STORY_RE)].map((m) => ({ summary: unescape(m[2]), content: unescape(m[4]) }));
}

/** pandas' default NA strings (pandas 2: "None" included): read_csv turns these cells into NaN, even quoted. */
const PANDAS_NA = new Set(["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]);
/** A CSV cell as it comes back from a pandas read and write (NaN is written as ""). */
function pandasCell(v: string | undefined): string {
  return v === undefined || PANDAS_NA.has(v) ? "" : v;
}

// ---------------------------------------------------------------------------------------------
// What the SFT step can read, per kind of answer
// ---------------------------------------------------------------------------------------------

type Kind =
  | "plain" // persona, profile: is_null on the whole text, not stripped (generate_sft_data.py:176, 1623, 1991)
  | "style" // writing style: stripped, then is_null (:726-727, 1856-1857, 2588-2589)
  | "stories" // users_stories: not null, and parse_json_string_stories finds stories (:215-219)
  | "text" // post_summary_v2 / review_summary_v2 / by_users_blog_summary: the answer is not null (:617, 1739, 2443)
  | "socialqa" // scenario, question, answer (:460-463, 2267-2270)
  | "longscenario" // summary, <character> list, scenario (:510-521, 2318-2329)
  | "plots" // background, characters, plots (:575-585)
  | "story" // background, characters, story
  | "thoughts" // background, characters, thoughts
  | "longthought" // users_single_long_thought: never read by the SFT step; its prompt asks for background and thoughts
  | "blogger-plots" // as "plots", after split("</think>")[-1].strip() (:2388-2392)
  | "blogger-story" // background, characters, story, after the </think> split (what the prompt asks for; see OfficialReadingOptions)
  | "blogger-story-bug" // background, story and the <character> list: the SFT step's own reading (:2393-2403)
  | "blogger-thoughts"; // as "thoughts", after the </think> split (:2404-2406)

function readable(kind: Kind, answer: unknown): boolean {
  if (typeof answer !== "string") return false;
  // "SKIP" is the pipeline's own marker for a row it did not send (blogger_data_gen.py:105-110); never an answer
  if (answer === "SKIP") return false;
  if (kind === "style") return !isNull(pyStrip(answer));
  if (isNull(answer)) return false;
  const all = (...parts: (string | null)[]) => parts.every((p) => !isNull(p));
  const afterThink = () => pyStrip(answer.split("</think>").at(-1)!);
  switch (kind) {
    case "plain":
    case "text":
      return true;
    case "stories":
      // judgement call: "can read" = at least one story parsed (the SFT tasks need 3 to split them)
      return parseStories(answer).length > 0;
    case "socialqa":
      return all(extractTag(answer, "scenario"), extractTag(answer, "question"), extractTag(answer, "answer"));
    case "longscenario":
      return all(extractTag(answer, "summary"), characterList(answer), extractTag(answer, "scenario"));
    case "plots":
      return all(extractTag(answer, "background"), extractTag(answer, "characters"), extractTag(answer, "plots"));
    case "story":
      return all(extractTag(answer, "background"), extractTag(answer, "characters"), extractTag(answer, "story"));
    case "thoughts":
      return all(extractTag(answer, "background"), extractTag(answer, "characters"), extractTag(answer, "thoughts"));
    case "longthought":
      return all(extractTag(answer, "background"), extractTag(answer, "thoughts"));
    case "blogger-plots": {
      const s = afterThink();
      return all(extractTag(s, "background"), extractTag(s, "characters"), extractTag(s, "plots"));
    }
    case "blogger-story": {
      const s = afterThink();
      return all(extractTag(s, "background"), extractTag(s, "characters"), extractTag(s, "story"));
    }
    case "blogger-story-bug": {
      const s = afterThink();
      return all(extractTag(s, "background"), characterList(s), extractTag(s, "story"));
    }
    case "blogger-thoughts": {
      const s = afterThink();
      return all(extractTag(s, "background"), extractTag(s, "characters"), extractTag(s, "thoughts"));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The metrics each judge prompt asks for (every prompt also asks for a free-text <explanation>)
// ---------------------------------------------------------------------------------------------

/** judger_prompts.py / blogger_prompt.py PROMPT_judger_socialqa_fulltypes_v2 */
const SOCIAL_QA = ["hallucination", "coverage", "fidelity", "novelty", "leakage", "overall"] as const;
/** PROMPT_socialscenarios_singleblog_fulltypes */
const SCENARIO = ["hallucination", "coverage", "fidelity", "novelty", "overall"] as const;
/** PROMPT_judger_user_persona */
const PERSONA = ["hallucination", "coverage", "conciseness", "relevance", "overall"] as const;
/** PROMPT_judger_user_profile */
const PROFILE = ["hallucination", "coverage", "relevance", "fluency", "conciseness", "informativeness", "novelty", "overall"] as const;
/** PROMPT_judger_user_stories */
const STORIES = ["hallucination", "coverage", "informativeness", "novelty", "overall"] as const;

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

type Row = Record<string, unknown>;
interface Numbered<T> {
  /** 1-based physical line (for CSV, where the record starts) */
  line: number;
  row: T;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, "utf8");
  } catch {
    return null;
  }
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Files of a folder with this extension, leaving out the pipeline's own `_`-prefixed files (e.g. `_job_log.txt`) and hidden ones. */
async function filesOf(dir: string, ext: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ext) && !e.name.startsWith("_") && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

async function subdirsOf(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** The stage's judge folder: `_judger_Qwen2.5-72B` is what the SFT step reads (generate_sft_data.py:144, 909, 1960);
 *  `_judger` is what data_judger.py writes with its default flag; otherwise the first `_judger*` folder by name. */
async function judgeFolder(stageDir: string): Promise<string | null> {
  const judges = (await subdirsOf(stageDir)).filter((n) => n.startsWith("_judger"));
  if (judges.includes("_judger_Qwen2.5-72B")) return "_judger_Qwen2.5-72B";
  if (judges.includes("_judger")) return "_judger";
  return judges[0] ?? null;
}

/**
 * JSON as Python's json.loads reads it, with the two things JSON.parse gets wrong: integers beyond
 * 2^53 (int64 tweet ids written bare by json.dumps) are kept as their digit strings, and the bare
 * NaN / Infinity / -Infinity that json.dumps writes for floats become null.
 */
function parsePythonJson(text: string): unknown {
  let out = "";
  let last = 0;
  let i = 0;
  const n = text.length;
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    const special = ["-Infinity", "Infinity", "NaN"].find((w) => text.startsWith(w, i));
    if (special) {
      out += text.slice(last, i) + "null";
      i += special.length;
      last = i;
      continue;
    }
    if (c === "-" || isDigit(c)) {
      let j = i + (c === "-" ? 1 : 0);
      while (isDigit(text[j])) j++;
      const digits = j - i - (c === "-" ? 1 : 0);
      if (text[j] === "." || text[j] === "e" || text[j] === "E") {
        while (j < n && /[0-9.eE+-]/.test(text[j])) j++;
      } else if (digits > 15) {
        out += text.slice(last, i) + '"' + text.slice(i, j) + '"';
        last = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  return JSON.parse(out + text.slice(last));
}

/** JSON Lines (`for line in f: json.loads(line)`); a line that does not parse is left out. null when the file is missing. */
async function readJsonl(file: string): Promise<Numbered<Row>[] | null> {
  const text = await readText(file);
  if (text === null) return null;
  const rows: Numbered<Row>[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    try {
      const row = parsePythonJson(line);
      if (row && typeof row === "object" && !Array.isArray(row)) rows.push({ line: i + 1, row: row as Row });
    } catch {
      // json.loads would have failed on it
    }
  });
  return rows;
}

interface Csv {
  header: string[];
  records: Numbered<Record<string, string>>[];
}

/**
 * CSV as pandas writes it (RFC 4180: `"` quotes, `""` inside quotes, embedded line breaks kept
 * verbatim). Physical lines are counted with "\r\n", "\n" and a lone "\r" each ending a line; blank
 * lines are skipped as pandas does.
 */
function parseCsv(text: string): Csv {
  const rows: Numbered<string[]>[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const lineBreak = (at: number) => (text[at] === "\r" ? (text[at + 1] === "\n" ? 2 : 1) : text[at] === "\n" ? 1 : 0);
  while (i < n) {
    const startLine = line;
    const br = lineBreak(i);
    if (br) {
      i += br;
      line++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      let value = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) break;
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          const b = lineBreak(i);
          if (b) {
            line++;
            value += text.slice(i, i + b);
            i += b;
            continue;
          }
          value += text[i];
          i++;
        }
        // anything between the closing quote and the delimiter is kept, as lenient readers do
        while (i < n && text[i] !== "," && !lineBreak(i)) value += text[i++];
      } else {
        while (i < n && text[i] !== "," && !lineBreak(i)) value += text[i++];
      }
      fields.push(value);
      if (i < n && text[i] === ",") {
        i++;
        continue;
      }
      const b = lineBreak(i);
      if (b) {
        i += b;
        line++;
      }
      break;
    }
    rows.push({ line: startLine, row: fields });
  }
  const header = rows.shift()?.row ?? [];
  return {
    header,
    records: rows.map(({ line: l, row }) => ({ line: l, row: Object.fromEntries(header.map((h, k) => [h, row[k] ?? ""])) })),
  };
}

async function readCsv(file: string): Promise<Csv | null> {
  const text = await readText(file);
  return text === null ? null : parseCsv(text);
}

function idString(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : (JSON.stringify(v) ?? "");
}

/** What names a post within one user's files: a Reddit comment by its com_id (its `id` is its submission's,
 *  reddit_data_filter.py:152-156), a submission or a tweet by `id`, an Amazon review by `item_id`. */
function postKey(row: Row): string {
  if ("item_id" in row) return `item:${idString(row.item_id)}`;
  if (row.type === "t1") return `t1:${idString(row.com_id)}`;
  return `id:${idString(row.id)}`;
}

/** Finds each row's post in the posts file by key, in order, each post used once. */
function matchByKey(rows: Row[], posts: Numbered<Row>[]): (Numbered<Row> | null)[] {
  const used = new Set<number>();
  return rows.map((r) => {
    const key = postKey(r);
    const k = posts.findIndex((p, idx) => !used.has(idx) && postKey(p.row) === key);
    if (k < 0) return null;
    used.add(k);
    return posts[k];
  });
}

function sourceList(prefix: string, lines: (Numbered<unknown> | null)[]): string[] {
  return [...new Set(lines.filter((l): l is Numbered<unknown> => l !== null).map((l) => `${prefix}:${l.line}`))].sort();
}

/** Pairs each generation row with its judge row: first the unused judge row with the same key and the same
 *  generated text (the judge copies both), then, for rows long enough to have been judged, the same key alone. */
function pairJudge<G, J>(gen: G[], judge: J[], genKey: (g: G) => string, judgeKey: (j: J) => string, genText: (g: G) => string, judgeText: (j: J) => string, judged: (g: G) => boolean): (J | null)[] {
  const used = new Set<number>();
  const out: (J | null)[] = gen.map((g) => {
    const k = judge.findIndex((j, idx) => !used.has(idx) && judgeKey(j) === genKey(g) && judgeText(j) === genText(g));
    if (k < 0) return null;
    used.add(k);
    return judge[k];
  });
  gen.forEach((g, gi) => {
    if (out[gi] !== null || !judged(g)) return;
    const k = judge.findIndex((j, idx) => !used.has(idx) && judgeKey(j) === genKey(g));
    if (k < 0) return;
    used.add(k);
    out[gi] = judge[k];
  });
  return out;
}

function swapExt(file: string, ext: string): string {
  return file.replace(/\.[^.]*$/, ext);
}

// ---------------------------------------------------------------------------------------------
// Reddit and Twitter
// ---------------------------------------------------------------------------------------------

type Platform = "reddit" | "twitter";

interface SocialUserStage {
  folder: string;
  kind: Kind;
  metrics: readonly string[] | null;
  posts: "v1" | "v2";
}
interface SocialPostStage {
  folder: string;
  kind: Kind;
  metrics: readonly string[] | null;
  maxPost: number;
}

/** reddit_data_gen.py:178-192 / twitter_data_gen.py:130-144 (gen_content_and_output2file_bydir) and :406-412 / :348-353 (bytwodir);
 *  judged by data_judger.py:job_userwise_judger_user_profiles_fulltypes. writing_style is never judged. */
const SOCIAL_USER_STAGES: SocialUserStage[] = [
  { folder: "users_persona_v2(medium_high)", kind: "plain", metrics: PERSONA, posts: "v1" },
  { folder: "users_profile_v2(medium_high)", kind: "plain", metrics: PROFILE, posts: "v1" },
  { folder: "users_stories(medium_high)", kind: "stories", metrics: STORIES, posts: "v1" },
  { folder: "writing_style", kind: "style", metrics: null, posts: "v2" },
];

/** reddit_data_gen.py:194-248 / twitter_data_gen.py:146-200 (gen_content_and_output2file_byfile, max_post per call) and
 *  :492-498 / :434-440 (byfile_2, post_summary_v2, max_post 10000, never judged); judged by data_judger.py:180-298. */
const SOCIAL_POST_STAGES: SocialPostStage[] = [
  { folder: "scenario_question_answer_from_single_blog_emphisize_thoughts(medium_high)", kind: "socialqa", metrics: SOCIAL_QA, maxPost: 20 },
  { folder: "scenario_question_answer_from_single_blog_emphisize_actions(medium_high)", kind: "socialqa", metrics: SOCIAL_QA, maxPost: 20 },
  { folder: "scenario_question_answer_from_single_blog(medium_high)", kind: "socialqa", metrics: SOCIAL_QA, maxPost: 20 },
  { folder: "scenario_question_answer_from_single_blog_emphasizereason_v3(medium_high)", kind: "socialqa", metrics: SOCIAL_QA, maxPost: 60 },
  { folder: "users_long_scenario_from_single_blog(medium_high)", kind: "longscenario", metrics: SCENARIO, maxPost: 40 },
  { folder: "users_sing_long_story(medium_high)", kind: "plots", metrics: SCENARIO, maxPost: 40 },
  { folder: "users_single_long_story_focusonbehavior(medium_high)", kind: "story", metrics: SCENARIO, maxPost: 40 },
  { folder: "users_single_long_thought(medium_high)", kind: "longthought", metrics: SCENARIO, maxPost: 40 },
  { folder: "users_thoughts_single_blog(medium_high)", kind: "thoughts", metrics: SCENARIO, maxPost: 40 },
  { folder: "post_summary_v2", kind: "text", metrics: null, maxPost: 10000 },
];

/** The posts of a persona/profile/stories prompt: every qualified clean_data row (v1 tags), Reddit submissions
 *  (t3) only, no cap (reddit_data_gen.py:348-354; twitter_data_gen.py:292-297). */
function v1UserPosts(platform: Platform, clean: Numbered<Row>[]): Numbered<Row>[] {
  return clean.filter((p) => (platform === "twitter" || p.row.type === "t3") && isQualifiedV1(p.row));
}

/**
 * The posts of a writing_style prompt (reddit_data_gen.py:gen_content_and_output2file_bytwodir 414-461;
 * twitter_data_gen.py:355-403): the rows of by_users_quality_tagging_v2_rewritten paired by line with
 * by_users_quality_tagging_v2, Reddit t3 only (Twitter: rows carrying both v2 columns, i.e. the first 100
 * v1-qualified tweets), whose v2 tags say unsafe content "no" and social event "yes".
 * Without those two folders: the rows of post_summary_v2, which byfile_2 selects with the same test
 * from the same files (reddit_data_gen.py:530-539; twitter_data_gen.py:472-481). Neither: no posts known.
 */
async function v2UserPosts(pdir: string, platform: Platform, uid: string, clean: Numbered<Row>[]): Promise<(Numbered<Row> | null)[]> {
  const rewritten = await readJsonl(path.join(pdir, "by_users_quality_tagging_v2_rewritten", `${uid}.json`));
  const tags = await readJsonl(path.join(pdir, "by_users_quality_tagging_v2", `${uid}.json`));
  if (rewritten && tags) {
    const picked: Row[] = [];
    rewritten.forEach(({ row }, i) => {
      const tag = tags[i]?.row;
      if (!tag) return;
      if (platform === "reddit") {
        if (row.type !== "t3") return;
      } else if (!("blog_quality_v2" in tag) || !("rewritten_text_v2" in row)) return;
      if (passesV2(tag.blog_quality_v2)) picked.push(row);
    });
    return matchByKey(picked, clean);
  }
  const summaries = await readJsonl(path.join(pdir, "post_summary_v2", `${uid}.json`));
  if (summaries)
    return matchByKey(
      summaries.map((s) => s.row),
      clean,
    );
  return [];
}

/**
 * truncate_and_generate_batch (reddit_data_gen.py:57-71, twitter_data_gen.py): the prompt is encoded
 * with Llama-3.3's tokenizer without special tokens, cut to max_in_length = 80,000 tokens and decoded.
 * The posts were appended in time order (int(created_utc) on Reddit, datetime.fromisoformat(date) on
 * Twitter; Python's sort is stable) as "\n\nPost {k}:\n…": the posts whose header is whole within the
 * decoded text were seen. The `_prompt` file holds the prompt before the cut; without it, all posts.
 */
function promptKept(prompt: string | null, posts: (Numbered<Row> | null)[], platform: Platform): (Numbered<Row> | null)[] {
  if (prompt === null) return posts;
  const tokens = llama3Tokenizer.encode(prompt, { bos: false, eos: false });
  if (tokens.length <= 80_000) return posts;
  const kept = llama3Tokenizer.decode(tokens.slice(0, 80_000));
  let seen = 0;
  for (let k = 1, from = 0; ; k++) {
    const header = `\n\nPost ${k}:\n`;
    const at = kept.indexOf(header, from);
    if (at < 0) break;
    seen = k;
    from = at + header.length;
  }
  const time = (p: Numbered<Row>) => (platform === "reddit" ? Number(p.row.created_utc) * 1000 : Date.parse(String(p.row.date)));
  const ordered = posts.filter((p): p is Numbered<Row> => p !== null).sort((a, b) => time(a) - time(b));
  return ordered.slice(0, seen);
}

async function readSocial(root: string, platform: Platform, out: OfficialArtifact[]): Promise<void> {
  const pdir = path.join(root, platform);
  if (!(await isDir(pdir))) return;
  const cleanCache = new Map<string, Promise<Numbered<Row>[]>>();
  const cleanOf = (uid: string) => {
    if (!cleanCache.has(uid))
      cleanCache.set(
        uid,
        readJsonl(path.join(pdir, "clean_data", `${uid}.json`)).then((r) => r ?? []),
      );
    return cleanCache.get(uid)!;
  };
  const cleanPrefix = (uid: string) => `${platform}/clean_data/${uid}.json`;

  for (const stage of SOCIAL_USER_STAGES) {
    const dir = path.join(pdir, stage.folder);
    if (!(await isDir(dir))) continue;
    const judge = stage.metrics ? await judgeFolder(dir) : null;
    for (const file of await filesOf(dir, ".txt")) {
      const text = await readText(path.join(dir, file));
      if (text === null || !readable(stage.kind, universalNewlines(text))) continue;
      const uid = file.split(".")[0];
      const clean = await cleanOf(uid);
      const posts = stage.posts === "v1" ? v1UserPosts(platform, clean) : await v2UserPosts(pdir, platform, uid, clean);
      let scores: Record<string, number> | null = null;
      if (stage.metrics && judge) {
        const answer = await readText(path.join(dir, judge, file));
        if (answer !== null) scores = scoresFrom(universalNewlines(answer), stage.metrics);
      }
      const prompt = await readText(path.join(pdir, `${stage.folder}_prompt`, file));
      out.push({ at: `${platform}/${stage.folder}/${file}`, sources: sourceList(cleanPrefix(uid), promptKept(prompt, posts, platform)), scores });
    }
  }

  for (const stage of SOCIAL_POST_STAGES) {
    const dir = path.join(pdir, stage.folder);
    if (!(await isDir(dir))) continue;
    const judge = stage.metrics ? await judgeFolder(dir) : null;
    for (const file of await filesOf(dir, ".json")) {
      const rows = (await readJsonl(path.join(dir, file))) ?? [];
      const uid = file.split(".")[0];
      const posts = matchByKey(
        rows.map((r) => r.row),
        await cleanOf(uid),
      );
      const judgeRows = judge ? ((await readJsonl(path.join(dir, judge, file))) ?? []) : [];
      const answerOf = (r: Row) => (typeof r.sqa_singleblog === "string" ? r.sqa_singleblog : "");
      const judged = pairJudge(
        rows.map((r) => r.row),
        judgeRows.map((j) => j.row),
        (g) => idString(g.id),
        (j) => idString(j.id),
        answerOf,
        answerOf,
        // data_judger.py:129: only answers of 20 characters or more are sent to the judge
        (g) => pyLen(answerOf(g)) >= 20,
      );
      rows.forEach(({ line, row }, index) => {
        // Only the first max_post qualified posts are asked: Reddit writes just those (reddit_data_gen.py:295),
        // Twitter writes them all and leaves the rest without the answer column (twitter_data_gen.py:241-243)
        if (index >= stage.maxPost) return;
        if (!("sqa_singleblog" in row) || !readable(stage.kind, row.sqa_singleblog)) return;
        const j = judged[index];
        out.push({
          at: `${platform}/${stage.folder}/${file}:${line}`,
          sources: sourceList(cleanPrefix(uid), [posts[index]]),
          scores: stage.metrics && j ? scoresFrom(j.quality_result, stage.metrics) : null,
        });
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Blogger
// ---------------------------------------------------------------------------------------------

/** blogger_data_gen.py:USER_TEXT_MAX_LEN */
const BLOGGER_MAX_CHARS = 32000;

interface BloggerUserStage {
  folder: string;
  kind: Kind;
  metrics: readonly string[] | null;
  /** len() of the prompt text the posts are appended to (blogger_prompt.py, measured in code points) */
  promptChars: number;
  rewritten: boolean;
}
/** blogger_data_gen.py:402-437 (gen_content_and_output2file_bydir) and :812-820 (job_unified_userwise_llm_generation_csv2txt);
 *  judged by blogger_data_judger.py:344-362. Writing style is never judged. */
const BLOGGER_USER_STAGES: BloggerUserStage[] = [
  { folder: "users_persona_v2(use_quality_high)", kind: "plain", metrics: PERSONA, promptChars: 941, rewritten: false }, // PROMPT_user_persona_v2
  { folder: "users_profile_v2(use_quality_high)", kind: "plain", metrics: PROFILE, promptChars: 1227, rewritten: false }, // PROMPT_user_profile_v2
  { folder: "users_stories(use_quality_high)", kind: "stories", metrics: STORIES, promptChars: 3238, rewritten: false }, // PROMPT_job_userwise_vividstories
  { folder: "writing_style_rewritten_text(use_quality_high)", kind: "style", metrics: null, promptChars: 286 + 1, rewritten: true }, // PROMPT_writing_style + "\n" (:698)
];

interface BloggerPostStage {
  folder: string;
  column: string;
  kind: Kind;
  metrics: readonly string[] | null;
}
/** blogger_data_gen.py:765-800 (new_column per job; job_rowwise_general_single_prompt always writes "result", :463);
 *  judged by blogger_data_judger.py:155-256. The blog summary is never judged. */
const BLOGGER_POST_STAGES: BloggerPostStage[] = [
  { folder: "users_sing_long_story(use_quality_high)", column: "single_long_story", kind: "blogger-plots", metrics: SCENARIO },
  { folder: "users_single_long_story_focusonbehavior(user_quality_high)", column: "single_long_story_focusonbebaviors", kind: "blogger-story", metrics: SCENARIO },
  { folder: "users_thoughts_single_blog(user_quality_high)", column: "thoughts_singleblog", kind: "blogger-thoughts", metrics: SCENARIO },
  { folder: "users_long_scenario_from_single_blog(use_quality_high)", column: "longscenario_singleblog", kind: "longscenario", metrics: SCENARIO },
  { folder: "users_scenario_question_answer_from_single_blog_v2(use_quality_high)", column: "result", kind: "socialqa", metrics: SOCIAL_QA },
  { folder: "users_scenario_question_answer_from_single_blog_emphasizeaction_v2(use_quality_high)", column: "result", kind: "socialqa", metrics: SOCIAL_QA },
  { folder: "users_scenario_question_answer_from_single_blog_emphasizethoughts_v2(use_quality_high)", column: "result", kind: "socialqa", metrics: SOCIAL_QA },
  { folder: "users_scenario_question_answer_from_single_blog_emphasizereason_v2(use_quality_high)", column: "result", kind: "socialqa", metrics: SOCIAL_QA },
  { folder: "by_users_blog_summary(use_quality_high)", column: "result", kind: "text", metrics: null },
];

/** `row["blog_quality"].lower() != "high"` (blogger_data_gen.py:105, 207, 701): lower-cased, not stripped. A NaN cell
 *  (pandas NA string) would make the official code raise; it is never "high". */
function isHigh(rec: Record<string, string>): boolean {
  const q = rec.blog_quality;
  return q !== undefined && !PANDAS_NA.has(q) && q.toLowerCase() === "high";
}

/** The high rows of a user's file in order, each appended as "Post : k\n" + text + "\n\n" after the prompt, the whole cut
 *  at 32000 characters: the rows at least part of whose text is within the cut (blogger_data_gen.py:205-215, 699-709). */
function bloggerHighWithinCut(records: Numbered<Record<string, string>>[], promptChars: number, column: string): Numbered<Record<string, string>>[] {
  const seen: Numbered<Record<string, string>>[] = [];
  let offset = promptChars;
  let k = 0;
  for (const rec of records) {
    if (!isHigh(rec.row)) continue;
    k++;
    const textStart = offset + pyLen(`Post : ${k}\n`);
    if (textStart < BLOGGER_MAX_CHARS) seen.push(rec);
    offset = textStart + pyLen(pandasCell(rec.row[column])) + 2;
  }
  return seen;
}

/** A Blogger post has no id (`id` is the user's); a copy of its row in another file is found by its text. */
function bloggerPostKey(rec: Record<string, string>): string {
  return JSON.stringify([pandasCell(rec.date), pandasCell(rec.text), pandasCell(rec.cleaned_text)]);
}

/** Pairs each row with a post of by_users_quality_tagging by text, in order, each post used once. */
function bloggerMatch(rows: Numbered<Record<string, string>>[], posts: Numbered<Record<string, string>>[]): (Numbered<Record<string, string>> | null)[] {
  const used = new Set<number>();
  return rows.map((r) => {
    const key = bloggerPostKey(r.row);
    const k = posts.findIndex((p, idx) => !used.has(idx) && bloggerPostKey(p.row) === key);
    if (k < 0) return null;
    used.add(k);
    return posts[k];
  });
}

async function readBlogger(root: string, out: OfficialArtifact[], opts: OfficialReadingOptions): Promise<void> {
  const pdir = path.join(root, "blogger");
  if (!(await isDir(pdir))) return;
  const postsCache = new Map<string, Promise<Numbered<Record<string, string>>[]>>();
  const postsOf = (uid: string) => {
    if (!postsCache.has(uid))
      postsCache.set(
        uid,
        readCsv(path.join(pdir, "by_users_quality_tagging", `${uid}.csv`)).then((c) => c?.records ?? []),
      );
    return postsCache.get(uid)!;
  };
  const prefix = (uid: string) => `blogger/by_users_quality_tagging/${uid}.csv`;

  for (const stage of BLOGGER_USER_STAGES) {
    const dir = path.join(pdir, stage.folder);
    if (!(await isDir(dir))) continue;
    const judge = stage.metrics ? await judgeFolder(dir) : null;
    for (const file of await filesOf(dir, ".txt")) {
      const text = await readText(path.join(dir, file));
      if (text === null || !readable(stage.kind, universalNewlines(text))) continue;
      const uid = file.split(".")[0];
      const posts = await postsOf(uid);
      let cited: (Numbered<Record<string, string>> | null)[];
      if (!stage.rewritten) cited = bloggerHighWithinCut(posts, stage.promptChars, "cleaned_text");
      else {
        // writing style reads by_users_quality_tagging_v2_rewritten: every post rewritten (no quality gate) except those
        // with cleaned_text under 50 characters (SKIP) and answers "", "SKIP", "NULL" (blogger_data_gen.py:587, 632, 806-810);
        // of those, the high ones with their rewritten_text, cut at 32000 characters
        const rewritten = await readCsv(path.join(pdir, "by_users_quality_tagging_v2_rewritten", `${uid}.csv`));
        if (rewritten) {
          const paired = bloggerMatch(rewritten.records, posts);
          const within = new Set(bloggerHighWithinCut(rewritten.records, stage.promptChars, "rewritten_text"));
          cited = rewritten.records.map((r, i) => (within.has(r) ? paired[i] : null));
        } else {
          // judgement call: without the rewritten file, the high posts the rewrite step would have kept (cleaned_text of
          // 50 characters or more); the rewrites' lengths, hence the 32000-character cut, are unknown
          cited = posts.filter((p) => isHigh(p.row) && pyLen(pandasCell(p.row.cleaned_text)) >= 50);
        }
      }
      let scores: Record<string, number> | null = null;
      if (stage.metrics && judge) {
        const answer = await readText(path.join(dir, judge, file));
        if (answer !== null) scores = scoresFrom(universalNewlines(answer), stage.metrics);
      }
      out.push({ at: `blogger/${stage.folder}/${file}`, sources: sourceList(prefix(uid), cited), scores });
    }
  }

  for (const stage of BLOGGER_POST_STAGES) {
    const dir = path.join(pdir, stage.folder);
    if (!(await isDir(dir))) continue;
    const judge = stage.metrics ? await judgeFolder(dir) : null;
    for (const file of await filesOf(dir, ".csv")) {
      const csv = await readCsv(path.join(dir, file));
      if (!csv) continue;
      const uid = file.split(".")[0];
      const posts = bloggerMatch(csv.records, await postsOf(uid));
      // the judge keeps only id, quality_result, cleaned_text and the answer column, for rows it judged
      // (blogger_data_judger.py:148-150); pandas read them back, so NA strings came back as ""
      const judgeRecords = judge ? ((await readCsv(path.join(dir, judge, file)))?.records ?? []) : [];
      const judged = pairJudge(
        csv.records,
        judgeRecords,
        (g) => pandasCell(g.row.cleaned_text),
        (j) => pandasCell(j.row.cleaned_text),
        (g) => pandasCell(g.row[stage.column]),
        (j) => pandasCell(j.row[stage.column]),
        // blogger_data_judger.py:109: only answers of 20 characters or more are sent to the judge
        (g) => pyLen(pandasCell(g.row[stage.column])) >= 20,
      );
      csv.records.forEach((rec, index) => {
        const answer = rec.row[stage.column];
        // the SFT step reads these files with csv in text mode: universal newlines
        const kind = stage.kind === "blogger-story" && opts.bloggerFocusCharacterBug ? "blogger-story-bug" : stage.kind;
        if (answer === undefined || !readable(kind, universalNewlines(answer))) return;
        const j = judged[index];
        out.push({
          at: `blogger/${stage.folder}/${file}:${rec.line}`,
          sources: sourceList(prefix(uid), [posts[index]]),
          scores: stage.metrics && j ? scoresFrom(universalNewlines(j.row.quality_result ?? ""), stage.metrics) : null,
        });
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Amazon (never judged: no judge script reads an Amazon folder, and generate_for_amazon reads no judge)
// ---------------------------------------------------------------------------------------------

/** The persona/profile history (amazon_data_gen.py:283-302): the target is the last review that passes the v1 tags if
 *  its index is 7 or more, else the last review; the prompt gets the up to 30 reviews just before the target (the target
 *  itself left out), whatever their tags. */
function amazonHistory(clean: Numbered<Row>[]): Numbered<Row>[] {
  let last = -1;
  clean.forEach((p, i) => {
    if ("quality_tag" in p.row && isQualifiedV1(p.row)) last = i;
  });
  const target = last < 7 ? clean.length - 1 : last;
  if (target <= 0) return [];
  return clean.slice(Math.max(0, target - 30), target);
}

/** Writing style (amazon_data_gen.py:gen_content_and_output2file_bytwodir 375-386): the rows of
 *  by_users_quality_tagging_v2_rewritten paired by line with by_users_quality_tagging_v2, carrying both v2 columns and
 *  passing the v2 test, all of them. Without those folders: the rows of review_summary_v2, chosen by the same test
 *  (:466-475). */
async function amazonStylePosts(pdir: string, category: string, uid: string, clean: Numbered<Row>[]): Promise<(Numbered<Row> | null)[]> {
  const rewritten = await readJsonl(path.join(pdir, "by_users_quality_tagging_v2_rewritten", category, `${uid}.json`));
  const tags = await readJsonl(path.join(pdir, "by_users_quality_tagging_v2", category, `${uid}.json`));
  if (rewritten && tags) {
    const picked: Row[] = [];
    rewritten.forEach(({ row }, i) => {
      const tag = tags[i]?.row;
      if (tag && "blog_quality_v2" in tag && "rewritten_text_v2" in row && passesV2(tag.blog_quality_v2)) picked.push(row);
    });
    return matchByKey(picked, clean);
  }
  const summaries = await readJsonl(path.join(pdir, "review_summary_v2", category, `${uid}.json`));
  if (summaries)
    return matchByKey(
      summaries.map((s) => s.row),
      clean,
    );
  return [];
}

async function readAmazon(root: string, out: OfficialArtifact[]): Promise<void> {
  const pdir = path.join(root, "amazon");
  if (!(await isDir(pdir))) return;
  const cleanCache = new Map<string, Promise<Numbered<Row>[]>>();
  const cleanOf = (category: string, uid: string) => {
    const key = `${category}/${uid}`;
    if (!cleanCache.has(key))
      cleanCache.set(
        key,
        readJsonl(path.join(pdir, "clean_data", category, `${uid}.json`)).then((r) => r ?? []),
      );
    return cleanCache.get(key)!;
  };
  // every category folder the stage has; `<category>_prompt` folders hold the prompts (amazon_data_gen.py:258, 344)
  const categoriesOf = async (dir: string) => (await subdirsOf(dir)).filter((n) => !n.endsWith("_prompt") && !n.startsWith("_") && !n.startsWith("."));

  // amazon_data_gen.py:149-164 (users_persona, users_profile) and :330-341 (writing_style)
  const userStages: { folder: string; kind: Kind; style: boolean }[] = [
    { folder: "users_persona", kind: "plain", style: false },
    { folder: "users_profile", kind: "plain", style: false },
    { folder: "writing_style", kind: "style", style: true },
  ];
  for (const stage of userStages) {
    const dir = path.join(pdir, stage.folder);
    for (const category of await categoriesOf(dir)) {
      for (const file of await filesOf(path.join(dir, category), ".txt")) {
        const text = await readText(path.join(dir, category, file));
        if (text === null || !readable(stage.kind, universalNewlines(text))) continue;
        const uid = file.split(".")[0];
        const clean = await cleanOf(category, uid);
        const posts = stage.style ? await amazonStylePosts(pdir, category, uid, clean) : amazonHistory(clean);
        out.push({ at: `amazon/${stage.folder}/${category}/${file}`, sources: sourceList(`amazon/clean_data/${category}/${uid}.json`, posts), scores: null });
      }
    }
  }

  // amazon_data_gen.py:422-510: review_summary_v2, the answer in `summary`, one row per review that passes the v2 test
  const dir = path.join(pdir, "review_summary_v2");
  for (const category of await categoriesOf(dir)) {
    for (const file of await filesOf(path.join(dir, category), ".json")) {
      const rows = (await readJsonl(path.join(dir, category, file))) ?? [];
      const uid = file.split(".")[0];
      const posts = matchByKey(
        rows.map((r) => r.row),
        await cleanOf(category, uid),
      );
      rows.forEach(({ line, row }, index) => {
        if (index >= 10000 || !("summary" in row) || !readable("text", row.summary)) return;
        out.push({ at: `amazon/review_summary_v2/${category}/${file}:${line}`, sources: sourceList(`amazon/clean_data/${category}/${uid}.json`, [posts[index]]), scores: null });
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Every generation under `dir` (holding reddit/, twitter/, blogger/, amazon/) that the official code writes and its SFT
 *  step can parse, with the posts its prompt was given and the judge's scores as the SFT step reads them. */
export async function officialReading(dir: string, opts: OfficialReadingOptions = {}): Promise<OfficialArtifact[]> {
  const out: OfficialArtifact[] = [];
  await readSocial(dir, "reddit", out);
  await readSocial(dir, "twitter", out);
  await readBlogger(dir, out, opts);
  await readAmazon(dir, out);
  const place = (at: string) => {
    const m = /^(.*?)(?::(\d+))?$/.exec(at)!;
    return { file: m[1], line: m[2] ? Number(m[2]) : 0 };
  };
  return out.sort((a, b) => {
    const x = place(a.at);
    const y = place(b.at);
    return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line;
  });
}

/** Exported for tests of this reading itself. */
export const internals = { parseScoreDict, parseStories, parsePythonJson, parseCsv, extractJsonField, isNull, pyStrip };
