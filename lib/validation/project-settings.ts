import { z } from "zod";

/** A project's review settings as the settings form submits them (form values arrive as strings). */
export const projectSettings = z.object({
  projectId: z.coerce.number().int().positive(),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters").default(""),
  overlap: z.coerce.number().int("Overlap is a whole number").min(1, "At least one verdict per artifact").max(10, "At most 10 verdicts per artifact"),
  leaseMinutes: z.coerce
    .number()
    .int("Minutes are whole")
    .min(1, "A lease lasts at least a minute")
    .max(24 * 60, "A lease lasts at most a day"),
  goldRate: z.coerce.number().min(0, "The gold rate is between 0 and 1").max(1, "The gold rate is between 0 and 1"),
  blindMode: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  labelMode: z.enum(["three_class", "binary"], { message: "Label mode is three_class or binary" }),
  calibrationFirst: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

/** Archiving a project (hidden from lists and queues, data kept) or restoring it. */
export const projectArchive = z.object({
  projectId: z.coerce.number().int().positive(),
  archive: z.enum(["archive", "restore"], { message: "Archive or restore" }),
});

export type ProjectSettingsInput = z.input<typeof projectSettings>;

/** Who is a member of a project in one role: the ids as the members form sends them ("3,7,12"). */
export const projectMembers = z.object({
  projectId: z.coerce.number().int().positive(),
  role: z.enum(["annotator", "lead"], { message: "Members are annotators or leads" }),
  accountIds: z
    .string()
    .max(100_000)
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^[1-9]\d{0,9}$/, "Account ids are positive whole numbers")
            .transform(Number),
        )
        .max(10_000),
    ),
});
export type ProjectMembersInput = z.output<typeof projectMembers>;
