import { describe, expect, it } from "vitest";
import { inlineSpans, markdownBlocks } from "./markdown-blocks";

describe("markdownBlocks", () => {
  it("reads headings, paragraphs, lists, tables and fenced code", () => {
    const doc = ["# Title", "", "One line", "and the next.", "", "- first", "- second", "  continued", "", "| a | b |", "|---|---|", "| `x` | y \\| z |", "", "```", "<b>raw</b>", "```"].join("\n");
    expect(markdownBlocks(doc)).toEqual([
      { type: "heading", level: 1, text: "Title" },
      { type: "paragraph", text: "One line and the next." },
      { type: "list", items: ["first", "second continued"] },
      { type: "table", head: ["a", "b"], rows: [["`x`", "y | z"]] },
      { type: "code", text: "<b>raw</b>" },
    ]);
  });

  it("splits code and bold out of a line, leaving the rest as text", () => {
    expect(inlineSpans("The **JSON Lines** file has a `type` <i>field</i>.")).toEqual([
      { kind: "text", text: "The " },
      { kind: "strong", text: "JSON Lines" },
      { kind: "text", text: " file has a " },
      { kind: "code", text: "type" },
      { kind: "text", text: " <i>field</i>." },
    ]);
  });
});
