import { describe, expect, it } from "vitest";
import { InOrder } from "./in-order";

describe("InOrder", () => {
  it("pairs equal rows one to one in file order, and a copy starts afresh", () => {
    const posts = new InOrder<number>();
    posts.add(InOrder.key("2004-05-14", "same text"), 1);
    posts.add(InOrder.key("2004-05-20", "other"), 2);
    posts.add(InOrder.key("2004-05-14", "same text"), 3);
    const stage = posts.copy();
    expect(stage.take(InOrder.key("2004-05-14", "same text"))).toBe(1);
    expect(stage.take(InOrder.key("2004-05-14", "same text"))).toBe(3);
    expect(stage.take(InOrder.key("2004-05-14", "same text"))).toBeUndefined();
    expect(posts.copy().take(InOrder.key("2004-05-14", "same text"))).toBe(1);
    expect(InOrder.key("a", null)).toBe(InOrder.key("a", ""));
    expect(InOrder.key("a,b")).not.toBe(InOrder.key("a", "b"));
  });
});
