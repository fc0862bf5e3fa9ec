import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import type { MembersInput } from "../../validation/lead-actions";
import type { Actor } from "../record-audit";
import { actorSeesAll } from "./actor-sees-all";
import { setProjectMembers } from "./update-project-settings";

const Member = row({ id: col.int, email: col.text, role: col.text, active: col.bool });

/**
 * Makes the accounts with these emails members of a project in a role: added to the role's members,
 * or with `replace` its only ones. Every email must be an active account of that role; the error
 * names each one that is not. Only an actor who sees every account (an admin, the CLI) is told why
 * (no account, deactivated, another role); a lead gets one answer for all of them, so that it does
 * not tell whether an email has an account. Returns the role's members after.
 */
export async function assignMembers(input: MembersInput, actor: Actor): Promise<string[]> {
  const found = await db().many(Member, sql`SELECT "id", "email", "role", "active" FROM "Account" WHERE lower("email") IN ${sql.list(input.emails)}`);
  const refused = input.emails.flatMap((email) => {
    const a = found.find((f) => f.email.toLowerCase() === email);
    if (!a) return [{ email, why: "has no account" }];
    if (!a.active) return [{ email, why: "is deactivated" }];
    return a.role === input.role ? [] : [{ email, why: `is ${a.role === "admin" ? "an admin" : `a ${a.role}`}, not ${article(input.role)} ${input.role}` }];
  });
  if (refused.length) {
    if (await actorSeesAll(actor)) {
      const problems = refused.map((r) => `${r.email} ${r.why}`);
      throw new AppError("invalid_input", `${problems.join("; ")}.`, { fieldErrors: { emails: problems } });
    }
    const emails = refused.map((r) => r.email);
    const one = emails.length === 1;
    throw new AppError(
      "invalid_input",
      `No active ${input.role} account with ${one ? "that email" : "these emails"} can be added: ${emails.join(", ")}. Check the spelling, or ask an admin to create (or reactivate) ${one ? "it" : "them"}.`,
      { fieldErrors: { emails: emails.map((e) => `${e}: no active ${input.role} account with that email can be added`) } },
    );
  }
  const current = input.replace ? [] : await membersInRole(input.projectId, input.role);
  const ids = [...new Set([...current.map((m) => m.id), ...found.map((f) => f.id)])];
  await setProjectMembers({ projectId: input.projectId, role: input.role, accountIds: ids }, actor);
  return (await membersInRole(input.projectId, input.role)).map((m) => m.email);
}

const article = (role: string) => (role === "annotator" ? "an" : "a");

/** A project's members in one role, by email. */
export async function membersInRole(projectId: number, role: "annotator" | "lead"): Promise<{ id: number; email: string }[]> {
  return db().many(
    row({ id: col.int, email: col.text }),
    sql`SELECT a."id", a."email" FROM "ProjectMember" m JOIN "Account" a ON a."id" = m."accountId" WHERE m."projectId" = ${projectId} AND a."role" = ${role} ORDER BY a."email"`,
  );
}
