import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { sql } from "@/lib/db/sql";

describe("the app's connections", () => {
  it("plan without JIT compilation, which made a 4 ms items page take 152 ms on Debian's PostgreSQL 15", async () => {
    // (a LIMIT over a large estimate passes jit_above_cost; compiling costs more than the query)
    expect(await db().one(row({ jit: col.text }), sql`SELECT current_setting('jit') AS "jit"`)).toEqual({ jit: "off" });
  });
});
