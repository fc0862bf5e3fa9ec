import "server-only";
import fs from "node:fs";
import path from "node:path";
import { writeDemoBatch } from "../../cli/commands/demo";
import { db } from "../../db/client";
import { openPrivateFile, privateDataDir } from "../../private-files";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { createAccount } from "../accounts/create-account";
import { importBatch } from "../import/import-batch";
import { findOrCreateProject } from "../projects/find-or-create-project";
import { SYSTEM_ACTOR } from "../record-audit";
import { setGold } from "../items/set-gold";

/** The three demo accounts; their passwords are in the README, so never use them outside a demo. */
export const DEMO_ACCOUNTS = [
  { email: "admin@demo.local", role: "admin", password: "demo-admin-password" },
  { email: "lead@demo.local", role: "lead", password: "demo-lead-password" },
  { email: "annotator@demo.local", role: "annotator", password: "demo-annotator-password" },
] as const;

/** Demo colleagues whose verdicts come with the demo batch, so agreement has something to measure. */
export const DEMO_COLLEAGUES = ["ana@demo.local", "ben@demo.local", "chen@demo.local", "dara@demo.local"];

export const DEMO_PROJECT = "HumanLLM demo";

/**
 * On an empty database (no accounts yet): creates the demo accounts, writes a demo batch with the
 * real generator and imports it with the real importer. Returns false when the database was not empty.
 */
export async function seedDemo(opts: { users: number; seed: string; dataDir: string }): Promise<boolean> {
  if ((await db().one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "Account"`)).n > 0) return false;
  for (const a of DEMO_ACCOUNTS) await createAccount({ ...a, name: `Demo ${a.role}` }, SYSTEM_ACTOR);
  for (const email of DEMO_COLLEAGUES) await createAccount({ email, role: "annotator", name: email.split("@")[0] }, SYSTEM_ACTOR);

  privateDataDir(opts.dataDir);
  const file = path.join(opts.dataDir, "demo-batch.jsonl");
  fs.closeSync(openPrivateFile(file)); // mode 600 before the generator writes into it (an existing file keeps its mode)
  await writeDemoBatch({ out: file, users: opts.users, seed: opts.seed, annotators: DEMO_COLLEAGUES });
  const { project } = await findOrCreateProject(DEMO_PROJECT, SYSTEM_ACTOR);
  const description = "Synthetic users from all four platforms, every artifact kind, with planted problems and verdicts from four demo colleagues.";
  await db().tx(async (t) => {
    await t.exec(sql`UPDATE "Project" SET "description" = ${description}, "updatedAt" = ${new Date()} WHERE "id" = ${project.id}`);
    // members first: imported verdicts must come from the project's own annotators
    await t.exec(
      sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") SELECT CAST(${project.id} AS INTEGER), "id", ${new Date()} FROM "Account" WHERE "role" IN ('annotator', 'lead')`,
    );
  });
  const result = await importBatch({ projectId: project.id, source: fs.createReadStream(file), fileName: "demo-batch.jsonl", actor: SYSTEM_ACTOR });
  if (!result.ok)
    throw new Error(
      `The demo batch did not import: ${result.errors
        .slice(0, 3)
        .map((e) => `${e.line}: ${e.reason}`)
        .join("; ")}`,
    );
  await seedGold(project.id);
  return true;
}

/** How many of the demo's settled artifacts become gold, so that the quality table has gold accuracy to show. */
export const DEMO_GOLD = 12;

/** Marks settled artifacts that several colleagues judged as gold, with their outcome (accepted or rejected) as the known answer. */
async function seedGold(projectId: number): Promise<void> {
  const settled = await db().many(
    row({ id: col.text, status: col.text }),
    sql`SELECT "artifactId" AS "id", "status" FROM "ArtifactState" WHERE "projectId" = ${projectId} AND "status" IN ('accepted', 'rejected') AND "verdictCount" >= 2
        ORDER BY "artifactId" LIMIT ${DEMO_GOLD}`,
  );
  for (const a of settled) await setGold({ projectId, artifactId: a.id, gold: a.status === "accepted" ? "accept" : "reject" }, SYSTEM_ACTOR);
}
