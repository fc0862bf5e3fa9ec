import { describe, expect, it } from "vitest";
import { openDb } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { sql } from "@/lib/db/sql";
import { JOB_KINDS, queueName } from "@/lib/server/jobs/queue";
import { ensureDatabase } from "@/lib/server/ensure-database";
import { cliSandbox } from "../helpers/run-cli";

describe("preparing a database", () => {
  it("lets several instances and workers start at once on a new database: migrations and the job queue made once, nobody fails", async () => {
    for (let round = 0; round < 3; round++) {
      const { databaseUrl } = await cliSandbox();
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => ensureDatabase(databaseUrl)));
      expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const d = openDb(databaseUrl);
      try {
        const queues = await d.many(row({ name: col.text }), sql`SELECT "name" FROM pgboss.queue ORDER BY "name"`);
        expect(queues.map((q) => q.name)).toEqual(JOB_KINDS.map(queueName).sort());
      } finally {
        await d.close();
      }
    }
  });
});
