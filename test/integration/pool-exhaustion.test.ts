import { describe, expect, it } from "vitest";
import { openPostgresDb } from "@/lib/db/postgres-backend";
import { sql } from "@/lib/db/sql";
import { col, row } from "@/lib/db/columns";

// More requests at once than the pool has connections: they wait their turn, a bounded time, then
// fail as unavailable (503 with Retry-After at the door), and the process goes on.
describe("an exhausted connection pool", () => {
  it("makes a query wait for a connection, then refuses it as unavailable after the wait, and serves again once one is free", async () => {
    const d = openPostgresDb(process.env.DATABASE_URL!, { max: 2, connectWaitMs: 400 });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      // two transactions hold both connections
      const holders = [d.tx(() => held), d.tx(() => held)];
      await new Promise((r) => setTimeout(r, 50));
      const started = Date.now();
      await expect(d.one(row({ one: col.int }), sql`SELECT 1 AS "one"`)).rejects.toMatchObject({ code: "unavailable", details: { retryAfterSeconds: 5 } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      // one that waits while a connection comes free gets it
      const waiting = d.one(row({ one: col.int }), sql`SELECT 1 AS "one"`);
      setTimeout(release, 100);
      expect(await waiting).toEqual({ one: 1 });
      await Promise.all(holders);
    } finally {
      await d.close();
    }
  });
});
