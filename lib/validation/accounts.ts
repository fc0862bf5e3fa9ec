import { z } from "zod";
import { ROLES } from "../auth/roles";

export const email = z.email("Enter a valid email address").trim().toLowerCase();
export const password = z.string().min(10, "Passwords need at least 10 characters").max(200);

export const newAccount = z.object({
  email,
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}` }),
  name: z.string().trim().max(100).default(""),
  password: password.optional(),
});
export type NewAccount = z.input<typeof newAccount>;

export const credentials = z.object({ email, password: z.string().min(1, "Enter your password") });
