import { MAX_KEPT_ISSUES } from "../server/import/import-batch";

/**
 * Problems printed to stderr, the first `limit` of them: past a thousand a person reads no more, and a
 * million lines written into a pipe faster than its reader takes them pile up in memory (`cli import`
 * of 1.2M bad lines peaked at 1 GB).
 */
export function firstLines(limit = MAX_KEPT_ISSUES) {
  let seen = 0;
  return {
    write(line: string): void {
      if (seen++ < limit) process.stderr.write(`${line}\n`);
    },
    /** what to add to a count of them all: " (the first N printed above)" when there were more */
    note: (total: number): string => (total > limit ? ` (the first ${limit} printed above)` : ""),
  };
}
