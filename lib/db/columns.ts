import { z } from "zod";

/**
 * Column parsers for query rows: every row a query returns is parsed by a zod object built from
 * these, so no result is cast unchecked. They accept what either driver hands back (PostgreSQL's
 * bigint counts come as strings, booleans as true/false; SQLite's as numbers and 0/1).
 */
export const col = {
  int: z.union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v)),
  num: z.union([z.number(), z.string()]).transform((v) => Number(v)),
  text: z.string(),
  bool: z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1),
  /** a timestamp as an ISO 8601 string in UTC ("…Z") */
  date: z.union([z.date(), z.string()]).transform((v) => (typeof v === "string" ? new Date(v) : v).toISOString()),
  /** a JSON value, parsed (SQLite keeps JSON as text) and then checked with `schema` */
  json: <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === "string" ? JSON.parse(v) : v), schema) as unknown as z.ZodType<z.output<S>, unknown>,
};

/** A row schema: `row({ id: col.int, name: col.text })`. */
export const row = <T extends z.ZodRawShape>(shape: T) => z.object(shape);
