import { describe, expect, it } from "vitest";
import { quoteBigIntegers } from "./big-integers";

describe("quoteBigIntegers", () => {
  it("keeps int64 ids exactly, which JSON.parse alone rounds", () => {
    const text = '{"id": 1290348234023452673, "user_id": -1290348234023452674, "n": 42, "x": 1.5e300, "small": 123456789012345}';
    expect(JSON.parse(text).id).toBe(1290348234023452600); // what went wrong: two tweets, one key
    expect(JSON.parse(quoteBigIntegers(text))).toEqual({ id: "1290348234023452673", user_id: "-1290348234023452674", n: 42, x: 1.5e300, small: 123456789012345 });
  });

  it("leaves strings (escaped quotes too), arrays and text that is no JSON alone", () => {
    const text = '{"text": "call 12345678901234567890 \\"now\\" 99999999999999999", "ids": [12345678901234567890, 1]}';
    expect(JSON.parse(quoteBigIntegers(text))).toEqual({ text: 'call 12345678901234567890 "now" 99999999999999999', ids: ["12345678901234567890", 1] });
    expect(quoteBigIntegers('{"a": 1}')).toBe('{"a": 1}');
    expect(quoteBigIntegers("{not json 12345678901234567890")).toBe('{not json "12345678901234567890"');
  });
});
