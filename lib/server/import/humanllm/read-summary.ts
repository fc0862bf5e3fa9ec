// What reading a HumanLLM data directory found: its counts per stage folder, what it left alone, and its problems.

export interface ReadProblem {
  at: string;
  reason: string;
}

export interface ReadSummary {
  users: number;
  posts: number;
  artifacts: number;
  /** per stage folder: the users' files read, the artifacts read from them, and how many of those carry judge scores */
  stages: Record<string, { files: number; artifacts: number; judged: number }>;
  /** generations that declined (NULL, None, N/A), per stage folder */
  declined: Record<string, number>;
  /** generations whose answer could not be parsed (as the SFT step would not parse it), per stage folder */
  unreadable: Record<string, number>;
  /** post-level rows the pipeline did not generate for, per stage folder (Blogger's SKIP; Twitter's rows past max_post) */
  notAsked: Record<string, number>;
  /** artifacts without a judge answer, per stage folder (the judged kinds only) */
  unjudged: Record<string, number>;
  /**
   * artifacts whose judge gave one of the stage's metrics a score off the 1-10 scale (0, say), per
   * stage folder: the pipeline reads it (and would reject the sample); the workbench keeps it as
   * given and leaves the artifact to people
   */
  outOfRange: Record<string, number>;
  /** artifacts with a score past the database's integer (over two billion), imported without it, per stage folder */
  tooLarge: Record<string, number>;
  /** Amazon reviews of a product raw_data names no title for (their title is the product id) */
  untitledProducts: number;
  /**
   * what the pipeline keeps for itself and the reader leaves alone, by path: its intermediate folders
   * (raw_data, before_raw_data, prompts, tagging rounds), files beside the platform folders (uid maps),
   * and files of its own in stage folders (job logs)
   */
  leftAlone: string[];
  /** files and folders the reader found where the pipeline writes none (a stray file, a user's file of another format), by path: not read */
  notUnderstood: string[];
}

export interface ReadResult {
  summary: ReadSummary;
  problems: ReadProblem[];
}
