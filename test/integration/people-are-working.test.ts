import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { BACKGROUND_APPLICATION, peopleAreWorking } from "@/lib/db/backend-priority";
import { openDb } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";

const name = `workbench_quiet_${randomUUID().replaceAll("-", "").slice(0, 12)}`;

/** Creates or drops a database of its own on the test cluster: nothing else connects to it. */
async function admin(statement: "CREATE" | "DROP"): Promise<string> {
  const adminUrl = inject("postgresAdminUrl");
  const a = openDb(adminUrl);
  await a.exec(sql`${sql.raw(statement)} DATABASE ${sql.raw(name)}`);
  await a.close();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

describe("peopleAreWorking", () => {
  it("is true while another client uses the database or did within seconds, and leaves background work out", async () => {
    const url = await admin("CREATE");
    const asker = openDb(url);
    const job = new pg.Client({ connectionString: url, application_name: BACKGROUND_APPLICATION });
    await job.connect();
    try {
      await asker.session(async (s) => {
        await job.query("SELECT 1");
        expect(await peopleAreWorking(s)).toBe(false); // only background work (and the asker itself)

        const person = new pg.Client({ connectionString: url, application_name: "workbench" });
        await person.connect();
        await person.query("SELECT 1");
        expect(await peopleAreWorking(s)).toBe(true); // a person's query a moment ago
        const busy = person.query("SELECT pg_sleep(0.3)");
        await new Promise((r) => setTimeout(r, 100));
        expect(await peopleAreWorking(s)).toBe(true); // one running now
        await busy;
        await person.end();
        await new Promise((r) => setTimeout(r, 100));
        expect(await peopleAreWorking(s)).toBe(false); // gone
      });
    } finally {
      await job.end();
      await asker.close();
      await admin("DROP");
    }
  });
});
