import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import type { MembersInput } from "../../validation/lead-actions";
import type { Actor } from "../record-audit";
import { setProjectMembers } from "./update-project-settings";

const Member = row({ id: col.int, email: col.text, role: col.text, active: col.bool });

/**
 * Makes the accounts with these emails members of a project in a role: added to the role's members,
 * or with `replace` its only ones. Every email must be an active account of that role; the error
 * names each one that is not. Returns the role's members after.
 */
export async function assignMembers(input: MembersInput, actor: Actor): Promise<string[]> {
  const found = await db().many(Member, sql`SELECT "id", "email", "role", "active" FROM "Account" WHERE lower("email") IN ${sql.list(input.emails)}`);
  const problems = input.emails.flatMap((email) => {
    const a = found.find((f) => f.email.toLowerCase() === email);
    if (!a) return [`${email} has no account`];
    if (!a.active) return [`${email} is deactivated`];
    return a.role === input.role ? [] : [`${email} is ${a.role === "admin" ? "an admin" : `a ${a.role}`}, not a${input.role === "annotator" ? "n" : ""} ${input.role}`];
  });
  if (problems.length) throw new AppError("invalid_input", `${problems.join("; ")}.`, { fieldErrors: { emails: problems } });
  const current = input.replace ? [] : await membersInRole(input.projectId, input.role);
  const ids = [...new Set([...current.map((m) => m.id), ...found.map((f) => f.id)])];
  await setProjectMembers({ projectId: input.projectId, role: input.role, accountIds: ids }, actor);
  return (await membersInRole(input.projectId, input.role)).map((m) => m.email);
}

/** A project's members in one role, by email. */
export async function membersInRole(projectId: number, role: "annotator" | "lead"): Promise<{ id: number; email: string }[]> {
  return db().many(
    row({ id: col.int, email: col.text }),
    sql`SELECT a."id", a."email" FROM "ProjectMember" m JOIN "Account" a ON a."id" = m."accountId" WHERE m."projectId" = ${projectId} AND a."role" = ${role} ORDER BY a."email"`,
  );
}
