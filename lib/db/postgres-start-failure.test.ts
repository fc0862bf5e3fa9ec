import { describe, expect, it } from "vitest";
import { describeStartFailure } from "./postgres-start-failure";

describe("why the embedded PostgreSQL did not start", () => {
  it("gives PostgreSQL's own reason and what to do, in one line", () => {
    const taken = describeStartFailure("/data/postgres", 5432, [
      "2026-12-07 02:20:00.000 UTC [1] LOG:  starting PostgreSQL 18.4",
      '2026-12-07 02:20:00.001 UTC [1] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\n2026-12-07 02:20:00.002 UTC [1] FATAL:  could not create any TCP/IP sockets',
      "2026-12-07 02:20:00.003 UTC [1] LOG:  database system is shut down",
    ]);
    expect(taken).toBe(
      "PostgreSQL did not start in /data/postgres on port 5432: could not create any TCP/IP sockets. Another program listens on port 5432: stop it, or set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to a PostgreSQL server).",
    );
    expect(taken).not.toContain("\n");
    expect(describeStartFailure("/ro/postgres", 1, ['FATAL:  could not create lock file "/ro/.s.PGSQL.1.lock": Permission denied'])).toMatch(
      /: could not create lock file "\/ro\/.s.PGSQL.1.lock": Permission denied\. Check that the user running the workbench may write \/ro\/postgres/,
    );
    expect(describeStartFailure("/d", 1, [])).toBe("PostgreSQL did not start in /d on port 1: it printed nothing. Start again with DEBUG=1 to see all of PostgreSQL's output.");
  });
});
