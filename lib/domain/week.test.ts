import { expect, it } from "vitest";
import { weekStart } from "./week";

it("weekStart gives the Monday of the week, across month and year ends", () => {
  expect(weekStart("2026-11-27T14:00:00.000+00:00")).toBe("2026-11-23"); // a Friday
  expect(weekStart("2026-11-23")).toBe("2026-11-23"); // a Monday
  expect(weekStart("2026-11-29")).toBe("2026-11-23"); // a Sunday
  expect(weekStart("2027-01-01")).toBe("2026-12-28");
});
