import { describe, expect, it } from "vitest";
import { auditChanges } from "./audit-changes";

describe("auditChanges", () => {
  it("lists the fields that changed, were set or removed, by path", () => {
    expect(auditChanges({ overlap: 2, blindMode: false, ratios: { train: 0.8, test: 0.1 } }, { overlap: 3, blindMode: false, ratios: { train: 0.8, test: 0.2 }, note: "more" })).toEqual([
      { field: "overlap", before: "2", after: "3" },
      { field: "ratios.test", before: "0.1", after: "0.2" },
      { field: "note", before: null, after: "more" },
    ]);
  });

  it("reads an event with only an after (a creation) or only a before (a removal)", () => {
    expect(auditChanges(null, { email: "ann@x", role: "annotator" })).toEqual([
      { field: "email", before: null, after: "ann@x" },
      { field: "role", before: null, after: "annotator" },
    ]);
    expect(auditChanges({ reasons: ["pii", "other"] }, null)).toEqual([{ field: "reasons", before: '["pii","other"]', after: null }]);
    expect(auditChanges("x".repeat(500), null)[0].before).toHaveLength(160);
  });
});
