import { describe, expect, it } from "vitest";
import { startOfDay } from "./day-start";

describe("startOfDay", () => {
  const now = new Date("2026-12-01T05:30:00Z");

  it("takes the day start the browser sent (midnight in its zone)", () => {
    expect(startOfDay(now, "2026-11-30T08:00:00.000Z").toISOString()).toBe("2026-11-30T08:00:00.000Z"); // Los Angeles
    expect(startOfDay(now, "2026-11-30T23:00:00.000Z").toISOString()).toBe("2026-11-30T23:00:00.000Z"); // Berlin
  });

  it("falls back to the UTC day for none, one in the future or one more than a day old", () => {
    expect(startOfDay(now).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(startOfDay(now, "2026-12-01T06:00:00.000Z").toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(startOfDay(now, "2026-11-25T00:00:00.000Z").toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
});
