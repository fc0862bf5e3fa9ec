import { describe, expect, it } from "vitest";
import { databaseFailure } from "./database-failure";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("databaseFailure", () => {
  it("calls a database that is killed, restarting, unreachable or out of connections unavailable", () => {
    expect(databaseFailure(pgError("57P01", "terminating connection due to administrator command"))).toBe("unavailable");
    expect(databaseFailure(pgError("57P03", "the database system is starting up"))).toBe("unavailable");
    expect(databaseFailure(pgError("53300", "sorry, too many clients already"))).toBe("unavailable");
    expect(databaseFailure(pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"))).toBe("unavailable");
    expect(databaseFailure(new Error("Connection terminated unexpectedly"))).toBe("unavailable");
    expect(databaseFailure(new Error("timeout exceeded when trying to connect"))).toBe("unavailable");
    expect(databaseFailure(Object.assign(new AggregateError([pgError("ECONNREFUSED"), pgError("ECONNREFUSED")]), {}))).toBe("unavailable");
  });

  it("calls a full disk a full disk, and anything else nothing it knows", () => {
    expect(databaseFailure(pgError("53100", "could not extend file: No space left on device"))).toBe("disk_full");
    expect(databaseFailure(pgError("23505", "duplicate key value"))).toBeNull();
    expect(databaseFailure(new TypeError("x is undefined"))).toBeNull();
    expect(databaseFailure(undefined)).toBeNull();
    expect(databaseFailure("Connection terminated")).toBeNull();
    expect(databaseFailure(new AggregateError([pgError("ECONNREFUSED"), new Error("other")]))).toBeNull();
  });
});
