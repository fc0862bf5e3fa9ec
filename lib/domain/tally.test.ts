import { describe, expect, it } from "vitest";
import { itemsQuery } from "../validation/items-query";
import { plainCount } from "./items-count";
import { countBy, countByAndStatus, stateBasis, statusRecord, total, triageOutcomeOf, type TallyRow } from "./tally";

const r = (over: Partial<TallyRow>): TallyRow => ({
  kind: "persona",
  platform: "reddit",
  status: "pending",
  decidedBy: "",
  triageRoute: "",
  triageAudit: false,
  flagged: false,
  overridden: false,
  gold: false,
  n: 1,
  ...over,
});

describe("tally folds", () => {
  const rows = [
    r({ n: 5 }),
    r({ kind: "story", status: "accepted", decidedBy: "annotators", n: 3 }),
    r({ platform: "twitter", status: "accepted", decidedBy: "rules", triageRoute: "auto_accept", n: 4 }),
    r({ status: "rejected", decidedBy: "annotators", triageRoute: "auto_accept", triageAudit: true, n: 2 }),
    r({ status: "accepted", decidedBy: "annotators", triageRoute: "auto_accept", triageAudit: true, n: 1 }),
    r({ status: "pending", triageRoute: "auto_reject", triageAudit: true, n: 6 }),
    r({ status: "rejected", decidedBy: "rules", triageRoute: "auto_reject", n: 0 }),
  ];

  it("counts by a key, largest first, leaving out keys with none", () => {
    expect(total(rows)).toBe(21);
    expect(countBy(rows, (x) => x.status)).toEqual([
      { key: "pending", count: 11 },
      { key: "accepted", count: 8 },
      { key: "rejected", count: 2 },
    ]);
    expect(statusRecord(rows)).toEqual({ pending: 11, accepted: 8, rejected: 2 });
  });

  it("counts by a column and status, ordered by both", () => {
    expect(countByAndStatus(rows, "platform")).toEqual([
      { platform: "reddit", status: "accepted", count: 4 },
      { platform: "reddit", status: "pending", count: 11 },
      { platform: "reddit", status: "rejected", count: 2 },
      { platform: "twitter", status: "accepted", count: 4 },
    ]);
  });

  it("says what triage did: the rules' decisions, and audits open, checked and overturned", () => {
    expect(triageOutcomeOf(rows)).toEqual({ finalizedByRules: { accepted: 4, rejected: 0 }, audits: { open: 6, checked: 3, overturned: 2 } });
  });
});

describe("stateBasis", () => {
  it("changes when an artifact moves between states, not when other columns do", () => {
    const rows = [r({ n: 3 }), r({ status: "accepted", decidedBy: "lead", n: 1 })];
    const moved = [r({ n: 2 }), r({ status: "accepted", decidedBy: "lead", n: 2 })];
    const otherwise = [r({ n: 3, kind: "story", gold: true }), r({ status: "accepted", decidedBy: "lead", platform: "twitter", n: 1 })];
    expect(stateBasis(rows)).toBe("accepted/lead:1,pending/:3");
    expect(stateBasis(moved)).not.toBe(stateBasis(rows));
    expect(stateBasis(otherwise)).toBe(stateBasis(rows));
  });
});

describe("plainCount", () => {
  const query = (params: Record<string, string>) => itemsQuery.parse(params);
  it("sums the rows the items table's plain filters pass", () => {
    const rows = [r({ n: 5 }), r({ status: "accepted", n: 3 }), r({ kind: "profile", gold: true, n: 2 }), r({ overridden: true, status: "accepted" })];
    expect(plainCount(query({}), rows)).toBe(11);
    expect(plainCount(query({ status: "accepted" }), rows)).toBe(4);
    expect(plainCount(query({ gold: "no", kind: "persona" }), rows)).toBe(9);
    expect(plainCount(query({ overrides: "yes" }), rows)).toBe(1);
  });
});
