import { z } from "zod";

const day = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d\d-\d\d$/, `${what} is a date like 2026-11-27`)
    .optional()
    .or(z.literal("").transform(() => undefined));
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => s || undefined);

/** The audit page's filters, as they travel in the URL. */
export const auditQuery = z
  .object({
    /** an email, or "cli" / "system" / a runner's label */
    actor: text(200),
    /** an action ("verdict.created") or a family of them ("verdict.") */
    action: text(100),
    entityType: text(100),
    entityId: text(200),
    from: day("From"),
    to: day("To"),
    /** keyset paging: the page after this (createdAt|id) cursor */
    after: text(100),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "From is after To", path: ["from"] });
export type AuditQuery = z.output<typeof auditQuery>;
