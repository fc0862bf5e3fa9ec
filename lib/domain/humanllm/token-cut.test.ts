import llama3Tokenizer from "llama3-tokenizer-js";
import { describe, expect, it } from "vitest";
import { entriesSeen, mayBeCut, seenPrefix, type Tokenizer } from "./token-cut";

/** A tokenizer of one token per character, to see the arithmetic. */
const chars: Tokenizer = { encode: (t) => [...t].map((c) => c.codePointAt(0)!), decode: (ids) => String.fromCodePoint(...ids) };
const marker = (k: number) => `\n\nPost ${k}:\n`;
const llama3: Tokenizer = { encode: (t) => llama3Tokenizer.encode(t, { bos: false, eos: false }), decode: (ids) => llama3Tokenizer.decode(ids) };

describe("the 80,000-token cut of the generation prompts", () => {
  it("counts the entries whose marker is within what the model saw", () => {
    const prompt = `Below are the posts.${marker(1)}one${marker(2)}two${marker(3)}three`;
    expect(entriesSeen(prompt, marker, null)).toBe(3);
    const third = prompt.indexOf(marker(3));
    expect(entriesSeen(prompt, marker, third + marker(3).length)).toBe(3);
    expect(entriesSeen(prompt, marker, third + marker(3).length - 1)).toBe(2);
    expect(entriesSeen(prompt, marker, 0)).toBe(0);
    expect(entriesSeen("no posts at all", marker, null)).toBe(0);
  });

  it("sees all of a prompt of no more bytes than tokens allowed, and otherwise the first tokens' text", () => {
    expect(seenPrefix("short", chars, 10)).toBeNull();
    expect(mayBeCut("ééééé", 9)).toBe(true); // ten bytes
    expect(seenPrefix("ééééé", chars, 9)).toBeNull(); // five tokens
    expect(seenPrefix("abcdefghijkl", chars, 10)).toBe(10);
  });

  it("keeps as many characters as Llama 3's first 80,000 tokens decode to", () => {
    const words = "morning river train garden kitchen letter market winter bicycle window music neighbour".split(" ");
    let prompt = "";
    for (let i = 0; prompt.length < 600_000; i++) prompt += `${words[i % words.length]}${i % 13 ? " " : ".\n"}`;
    const seen = seenPrefix(prompt, llama3)!;
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(prompt.length);
    expect(prompt.slice(0, seen)).toBe(llama3.decode(llama3.encode(prompt).slice(0, 80_000)));
    expect(llama3.encode(prompt.slice(0, seen)).length).toBe(80_000);
  });
});
