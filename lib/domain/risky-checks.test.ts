import { describe, expect, it } from "vitest";
import { HIGHLIGHT_FLAGS } from "./highlights";
import { checkFlags, describeChecks, riskyChecksOf, unconfirmedChecks } from "./risky-checks";

describe("risky checks", () => {
  const flags = HIGHLIGHT_FLAGS.pii | HIGHLIGHT_FLAGS.length | HIGHLIGHT_FLAGS.leaked_name;

  it("are personal data, leaked names and answer give-aways, not length", () => {
    expect(riskyChecksOf(flags)).toEqual(["pii", "leaked_name"]);
    expect(riskyChecksOf(HIGHLIGHT_FLAGS.length)).toEqual([]);
    expect(checkFlags(["pii", "answer_leak"])).toBe(HIGHLIGHT_FLAGS.pii | HIGHLIGHT_FLAGS.answer_leak);
  });

  it("name what an accept would override, and what is left unconfirmed", () => {
    expect(describeChecks(["pii", "leaked_name"])).toBe("personal data and a real name from the posts");
    expect(describeChecks(["answer_leak"])).toBe("an answer the scenario gives away");
    expect(unconfirmedChecks(flags, ["pii"])).toEqual(["leaked_name"]);
    expect(unconfirmedChecks(flags, ["pii", "leaked_name"])).toEqual([]);
  });
});
