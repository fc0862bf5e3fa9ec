import "server-only";
import { z } from "zod";
import { col } from "../db/columns";

/** The columns of a VerdictEvent that every feed of them carries (the API's feed, an export's verdicts.jsonl), for their row schemas. */
export const verdictEventColumns = {
  id: col.int,
  artifactId: col.text,
  decision: col.text,
  diff: col.json(z.unknown()).nullable(),
  comment: col.text.nullable(),
  durationMs: col.int.nullable(),
  supersedesId: col.int.nullable(),
  source: col.text,
  createdAt: col.date,
};
