import { z } from "zod";

/**
 * Column parsers for query rows: every row a query returns is parsed by a zod object built from
 * these, so no result is cast unchecked. They accept what node-postgres hands back (bigint counts
 * and numerics come as strings).
 */
export const col = {
  int: z.union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v)),
  num: z.union([z.number(), z.string()]).transform((v) => Number(v)),
  text: z.string(),
  bool: z.boolean(),
  /** a timestamp as an ISO 8601 string in UTC ("…Z") */
  date: z.union([z.date(), z.string()]).transform((v) => (typeof v === "string" ? new Date(v) : v).toISOString()),
  /** a JSON value, parsed when it comes as text (the tables keep JSON as text; json columns come parsed) and then checked with `schema` */
  json: <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === "string" ? JSON.parse(v) : v), schema) as unknown as z.ZodType<z.output<S>, unknown>,
};

/** A row schema: `row({ id: col.int, name: col.text })`. */
export const row = <T extends z.ZodRawShape>(shape: T) => z.object(shape);
