import { InvalidArgumentError } from "commander";
import { ZodError } from "zod";
import { databaseUrl } from "../env";
import { AppError, describeIssues, describeUnexpected } from "../errors";
import { closeDb } from "../db/client";
import { ensureDatabase } from "../server/ensure-database";
import { openDatabase } from "./database-opener";

// What every command shares: its options' parsers, and how it runs (migrate, act, say what went wrong, close).

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number of at least 1");
  return n;
}

export function ratio(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError("must be a number from 0 to 1");
  return n;
}

export function yesNo(value: string): boolean {
  if (/^(yes|true|on)$/i.test(value)) return true;
  if (/^(no|false|off)$/i.test(value)) return false;
  throw new InvalidArgumentError("must be yes or no");
}

export const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A command's action, run: its database opened first (and migrated, unless `database` is "open":
 * the migration commands do that themselves; "none": the command reads no database and none is
 * started), then what went wrong said in one line, and the database closed.
 */
export function run<A extends any[]>(action: (...args: A) => Promise<number>, { database = "migrated" }: { database?: "migrated" | "open" | "none" } = {}) {
  return async (...args: A) => {
    try {
      if (database !== "none") await openDatabase();
      if (database === "migrated") await ensureDatabase(databaseUrl());
      process.exitCode = await action(...args);
    } catch (e) {
      if (e instanceof AppError) process.stderr.write(`error: ${e.message}\n`);
      else if (e instanceof ZodError) process.stderr.write(`error: ${describeIssues(e.issues, { root: "input" })}\n`);
      else {
        process.stderr.write(`error: ${describeUnexpected(e)}\n`);
        if (process.env.DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      }
      process.exitCode = 1;
    } finally {
      await closeDb();
    }
  };
}
