/** What a disputed artifact's live verdicts and its judge say, counted. */
export interface DisputeInputs {
  accepts: number;
  edits: number;
  rejects: number;
  /** whether the judge's scores pass the current rules; null when the judge did not score it */
  judgePass: boolean | null;
}

export interface DisputeCase {
  /** compared in order, higher first: how far apart the verdicts are, the judge against the people's majority, how evenly they split, how many spoke */
  rank: number[];
  /** the case in words, shown in the adjudication list */
  label: string;
}

/**
 * How a dispute ranks in the lead's list. Accept against reject is the widest split (the artifact
 * ships or not), edit against reject next (it ships changed or not), accept against edit the
 * narrowest (it ships, the question is how), and edits that differ narrower still. A judge that
 * sides against the people's majority (keep = accept or edit, against reject) moves a case up: the
 * rules would have decided it the other way. Then an even split before a lone dissent, and more
 * verdicts before fewer: the split is better attested.
 */
export function disputeCase({ accepts, edits, rejects, judgePass }: DisputeInputs): DisputeCase {
  const [spread, split] =
    accepts && rejects ? [3, "accept vs reject"] : edits && rejects ? [2, "edit vs reject"] : accepts && edits ? [1, "accept vs edit"] : [0, edits > 1 ? "edits differ" : "split"];
  const keeps = accepts + edits;
  const judgeAgainst = judgePass !== null && keeps !== rejects && (judgePass ? rejects > keeps : keeps > rejects);
  const n = accepts + edits + rejects;
  const evenness = n === 0 ? 0 : 1 - Math.max(accepts, edits, rejects) / n;
  return {
    rank: [spread, judgeAgainst ? 1 : 0, evenness, n],
    label: `${split}${judgeAgainst ? ` · judge ${judgePass ? "passes" : "fails"} it against the majority` : ""} · ${n} verdict${n === 1 ? "" : "s"}`,
  };
}

/** For sorting: the case that needs a lead more comes first. */
export function compareDisputes(a: DisputeCase, b: DisputeCase): number {
  for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return b.rank[i] - a.rank[i];
  return 0;
}

/**
 * A case's rank as one number that sorts as compareDisputes does (higher first), for the database
 * to keep and order by: spread and the judge's side, then evenness to a millionth, then up to 999
 * verdicts. Below 2^53, so exact as a double.
 */
export function rankScore({ rank }: Pick<DisputeCase, "rank">): number {
  const [spread, judgeAgainst, evenness, n] = rank;
  return ((spread * 2 + judgeAgainst) * 1_000_001 + Math.round(evenness * 1_000_000)) * 1_000 + Math.min(n, 999);
}
