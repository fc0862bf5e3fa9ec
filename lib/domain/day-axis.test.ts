import { describe, expect, it } from "vitest";
import { dayAxis } from "./day-axis";

describe("dayAxis", () => {
  it("places days by date: a gap of days without data stays a gap", () => {
    const axis = dayAxis(["2026-11-01", "2026-11-02", "2026-11-20"]);
    expect(axis.span).toBe(20);
    expect(["2026-11-01", "2026-11-02", "2026-11-20"].map(axis.offset)).toEqual([0, 1, 19]);
  });

  it("labels it with a few evenly spaced dates, across a month's end", () => {
    const axis = dayAxis(["2026-10-30", "2026-11-10"], 4);
    expect(axis.ticks).toEqual([
      { day: "2026-10-30", offset: 0 },
      { day: "2026-11-02", offset: 3 },
      { day: "2026-11-05", offset: 6 },
      { day: "2026-11-08", offset: 9 },
    ]);
  });

  it("has nothing to place with no days", () => {
    expect(dayAxis([]).ticks).toEqual([]);
  });
});
