import { describe, expect, it } from "vitest";
import { describeUnexpected } from "./errors";

describe("describeUnexpected", () => {
  it("says whatever was thrown in one line with the hint, never `undefined`", () => {
    expect(describeUnexpected(new Error("boom"))).toBe("unexpected failure: boom. Run again with DEBUG=1 for the details.");
    expect(describeUnexpected(undefined)).toBe("unexpected failure: a failure with no description. Run again with DEBUG=1 for the details.");
    expect(describeUnexpected({ code: 3 })).toContain('{"code":3}');
    expect(describeUnexpected("plain")).toContain("unexpected failure: plain.");
  });
});
