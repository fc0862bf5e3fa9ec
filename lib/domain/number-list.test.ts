import { describe, expect, it } from "vitest";
import { float64List, int32List } from "./number-list";

describe("NumberList", () => {
  it("keeps every pushed number in order across growth", () => {
    const list = int32List();
    const expected: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const v = ((i * 7919) % 10007) - 5000;
      list.push(v);
      expected.push(v);
    }
    expect(list.length).toBe(5000);
    expect(Array.from(list.view())).toEqual(expected);
    expect(list.at(4999)).toBe(expected[4999]);
  });

  it("holds fractions and large values in a float list, and starts empty", () => {
    const list = float64List();
    expect(list.view().length).toBe(0);
    list.push(1.5);
    list.push(2 ** 40);
    expect(Array.from(list.view())).toEqual([1.5, 2 ** 40]);
  });
});
