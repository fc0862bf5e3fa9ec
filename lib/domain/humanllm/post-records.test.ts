import { describe, expect, it } from "vitest";
import { amazonHistory, isoDate, isQualifiedRow, postRecord } from "./post-records";
import { LAYOUTS } from "./stages";

describe("the pipeline's posts as import records", () => {
  it("reads every platform's dates", () => {
    expect(isoDate(1562000000)).toBe("2019-07-01T16:53:20.000Z");
    expect(isoDate("1562000000")).toBe("2019-07-01T16:53:20.000Z");
    expect(isoDate(1562000000123, "ms")).toBe("2019-07-01T16:53:20.123Z");
    expect(isoDate("2022-03-01T09:00:00+01:00")).toBe("2022-03-01T08:00:00.000Z");
    expect(isoDate("14,May,2004")).toBe("2004-05-14T00:00:00.000Z");
    expect(isoDate("14,Mai,2004")).toBeUndefined();
    expect(isoDate("")).toBeUndefined();
  });

  it("maps a Blogger row and an Amazon review, and says which the pipeline fed its prompts", () => {
    const blog = postRecord(
      LAYOUTS.blogger,
      { platform: "blogger", uid: "42" },
      { id: "42", text: "raw text", cleaned_text: "clean text", blog_quality: "High", date: "2004-05-14", topic: "Arts" },
      "b.csv:2",
      { position: 7 },
    );
    expect(blog).toEqual({
      type: "post",
      id: "blogger:42:7", // the user's post at row 7: Blogger's `id` is the user's
      uid: "blogger:42",
      platform: "blogger",
      kind: "blog",
      text: "raw text",
      rewrite: "clean text",
      created_at: "2004-05-14T00:00:00.000Z",
      tags: { quality: "high" },
      meta: { source: "b.csv:2", topic: "Arts" },
    });
    expect(isQualifiedRow(LAYOUTS.blogger, { blog_quality: "high" })).toBe(true);
    expect(isQualifiedRow(LAYOUTS.blogger, { blog_quality: "High" })).toBe(true);
    expect(isQualifiedRow(LAYOUTS.blogger, { blog_quality: "high\n" })).toBe(false);
    expect(isQualifiedRow(LAYOUTS.blogger, { blog_quality: "medium" })).toBe(false);
    const review = postRecord(LAYOUTS.amazon, { platform: "amazon", category: "Books", uid: "9" }, { item_id: "B01", rating: 4, text: "Lovely", timestamp: 1600000000000 }, "a.json:1", {
      itemTitle: (id) => (id === "B01" ? "A Book" : undefined),
    });
    expect(review).toMatchObject({ id: "amazon:Books/9:B01", uid: "amazon:Books/9", kind: "review", meta: { rating: 4, item_title: "A Book", item_id: "B01", category: "Books" } });
    expect(postRecord(LAYOUTS.amazon, { platform: "amazon", category: "Books", uid: "9" }, { rating: 4 }, "a.json:2")).toBe("the post has no item_id");
    expect(isQualifiedRow(LAYOUTS.reddit, { type: "t1", quality_tag: "<quality>high</quality><harmless>yes</harmless>" })).toBe(false);
  });

  it("gives Amazon's persona and profile the reviews their prompt held: up to 30 before the target, tags or not", () => {
    const reviews = (qualified: boolean[]) => qualified.map((q, i) => ({ value: i, qualified: q }));
    // the last qualifying review is at index 9 (7 or later): it is the target, the 9 before it the history
    expect(amazonHistory(reviews([true, false, true, false, false, false, false, false, false, true, false]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // none qualifies at 7 or later: the last review is the target
    expect(amazonHistory(reviews([true, true, false]))).toEqual([0, 1]);
    expect(amazonHistory(reviews(Array.from({ length: 40 }, () => true)))).toEqual(Array.from({ length: 30 }, (_, i) => i + 9));
    expect(amazonHistory(reviews([]))).toEqual([]);
  });
});
