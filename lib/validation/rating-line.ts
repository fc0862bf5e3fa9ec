import { z } from "zod";

/** An id or label in a ratings file: a non-empty string, or a number taken as its decimal string. */
const name = (what: string) =>
  z.union([z.string().trim().min(1, `${what} must not be empty`), z.number().transform(String)], {
    error: (issue) => (issue.input === undefined ? `${what} is missing` : `${what} must be a string or a number`),
  });

/** One line of `cli agreement FILE`: who gave which label to which item. */
export const ratingLine = z.object({
  item: name("item"),
  annotator: name("annotator"),
  label: name("label"),
});
