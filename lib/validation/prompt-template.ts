import { z } from "zod";
import { SFT_TASKS, templateProblem } from "../domain/sft/templates";

/** A new version of a project's prompt template for one task, as the settings form submits it. */
export const promptTemplateInput = z
  .object({
    projectId: z.coerce.number().int().positive(),
    task: z.enum(SFT_TASKS, { message: `The task is one of ${SFT_TASKS.join(", ")}` }),
    template: z.string().transform((s) => s.replace(/\r\n/g, "\n")),
  })
  .superRefine((t, ctx) => {
    const problem = templateProblem(t.task, t.template);
    if (problem) ctx.addIssue({ code: "custom", path: ["template"], message: problem });
  });

export type PromptTemplateInput = z.input<typeof promptTemplateInput>;
