import { describe, expect, it } from "vitest";
import { timeText } from "./time-text";

describe("timeText", () => {
  it("shows a stored UTC time to the day, minute or second", () => {
    const at = new Date(Date.UTC(2026, 11, 1, 4, 47, 19, 250)).toISOString();
    expect(timeText(at, "day")).toBe("2026-12-01");
    expect(timeText(at)).toBe("2026-12-01 04:47");
    expect(timeText(at, "second")).toBe("2026-12-01 04:47:19");
  });
});
