import { openDb, type Db } from "@/lib/db/client";

/** Runs `fn` on a database of its own at `url` (another process's, such as a CLI sandbox's), then closes it. */
export async function usingDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDb(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
