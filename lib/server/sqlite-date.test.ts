import { describe, expect, it } from "vitest";
import { sqlDate, sqlDateOf } from "./sqlite-date";

describe("sqlDateOf", () => {
  it("gives what sqlDate gives for every ISO form", () => {
    for (const iso of ["2019-03-01T12:00:00Z", "2019-03-01T12:00:00.123Z", "2019-03-01T13:00:00+01:00", "2019-03-01T12:00:00.5Z"]) {
      expect(sqlDateOf(iso)).toBe(sqlDate(new Date(iso)));
    }
    expect(sqlDateOf("2019-03-01T12:00:00Z")).toBe("2019-03-01T12:00:00.000+00:00");
  });
});
