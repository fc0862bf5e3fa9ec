import { describe, expect, it } from "vitest";
import { JsonMembers } from "./json-members";

/** The members of `text` pushed in pieces of `size` characters. */
function members(text: string, size: number): { members: Record<string, unknown>; problem: string | null } {
  const reader = new JsonMembers();
  const found: string[] = [];
  for (let i = 0; i < text.length; i += size) found.push(...reader.push(text.slice(i, i + size)));
  reader.end();
  return { members: Object.assign({}, ...found.map((m) => JSON.parse(`{${m}}`) as Record<string, unknown>)), problem: reader.problem };
}

describe("the members of a JSON object read a piece at a time", () => {
  const products = {
    B01: { title: 'A "quoted" title, with {braces} and [brackets]', details: { a: [1, 2, { b: "}" }] }, price: "" },
    "B0\\2": { title: "Back\\slash \u00e9t\u00e9", categories: [] },
    B03: { title: "" },
  };

  it("gives every member whole, however the text is cut, indented as json.dump(indent=4) writes it or not", () => {
    for (const text of [JSON.stringify(products), JSON.stringify(products, null, 4), `\ufeff  ${JSON.stringify(products, null, 4)}\n`]) {
      for (const size of [1, 2, 3, 7, 64, 100_000]) expect(members(text, size)).toEqual({ members: products, problem: null });
    }
    expect(members("{}", 1)).toEqual({ members: {}, problem: null });
  });

  it("says when the text is no JSON object, or is cut short", () => {
    expect(members("[1, 2]", 4).problem).toBe("not a JSON object");
    expect(members("", 4).problem).toBe("not a JSON object");
    expect(members('{"a": {"b": 1}', 4).problem).toBe("the object does not end (the file is cut short)");
    expect(members('{"a": 1} x', 4).problem).toBe("text after the object's end");
  });
});
