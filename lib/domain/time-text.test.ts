import { describe, expect, it } from "vitest";
import { countdownText, timeText } from "./time-text";

describe("timeText", () => {
  it("shows a stored UTC time to the day, minute or second", () => {
    const at = new Date(Date.UTC(2026, 11, 1, 4, 47, 19, 250)).toISOString();
    expect(timeText(at, "day")).toBe("2026-12-01");
    expect(timeText(at)).toBe("2026-12-01 04:47");
    expect(timeText(at, "second")).toBe("2026-12-01 04:47:19");
  });
});

describe("countdownText", () => {
  it("shows minutes and seconds, hours past an hour, and never a negative time", () => {
    expect(countdownText(59_999)).toBe("0:59");
    expect(countdownText(29 * 60_000 + 5_000)).toBe("29:05");
    expect(countdownText(3_600_000 + 61_000)).toBe("1:01:01");
    expect(countdownText(-5_000)).toBe("0:00");
  });
});
