import "server-only";
import { can, isRole } from "../../auth/roles";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { Actor } from "../record-audit";

/**
 * Whether an answer may tell this actor about any account or project, those they cannot see
 * included: admins, and the CLI and the system (no account; whoever runs the CLI holds the
 * database). Leads and annotators get answers that do not show whether something hidden exists.
 */
export async function actorSeesAll(actor: Actor, q: Queryable = db()): Promise<boolean> {
  if (actor.actorId === null || actor.actorId === undefined) return true;
  const a = await q.maybe(row({ role: col.text }), sql`SELECT "role" FROM "Account" WHERE "id" = ${actor.actorId}`);
  return !!a && isRole(a.role) && can(a.role, "project:all");
}
