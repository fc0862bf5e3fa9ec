import { describe, expect, it } from "vitest";
import { alignEvidence } from "./evidence";

const posts = [
  { postId: "p1", text: "Last weekend I ran a hilly 20k loop. My knee hurts a lot now." },
  { postId: "p2", text: "Working as a nurse in Leeds leaves me tired. I bought a headlamp for night runs." },
];

describe("alignEvidence", () => {
  it("links each artifact sentence to the post sentence that supports it", () => {
    const [knee, nurse] = alignEvidence([{ field: "text", text: "PersonA ran a hilly 20k loop and hurt a knee. PersonA works as a nurse in Leeds." }], posts);
    expect(knee.support[0]).toMatchObject({ postId: "p1", sentence: { text: "Last weekend I ran a hilly 20k loop." } });
    expect(knee.unsupported).toBe(false);
    expect(nurse.support[0]).toMatchObject({ postId: "p2", sentence: { text: "Working as a nurse in Leeds leaves me tired." } });
  });

  it("marks a sentence no post supports", () => {
    const [claim] = alignEvidence([{ field: "text", text: "PersonA holds a doctorate in marine biology from Oxford." }], posts);
    expect(claim).toMatchObject({ checked: true, unsupported: true, support: [] });
    expect(claim.best).toBeLessThan(0.2);
  });

  it("does not judge sentences too short to carry a claim", () => {
    const [q] = alignEvidence([{ field: "question", text: "What next?" }], posts);
    expect(q).toMatchObject({ checked: false, unsupported: false });
  });

  it("keeps offsets into the field's text and scores in [0, 1]", () => {
    const text = "Intro words here. PersonA bought a headlamp for night runs.";
    const aligned = alignEvidence([{ field: "story", text }], posts);
    for (const a of aligned) {
      expect(text.slice(a.sentence.start, a.sentence.end)).toBe(a.sentence.text);
      expect(a.best).toBeGreaterThanOrEqual(0);
      expect(a.best).toBeLessThanOrEqual(1.000001);
    }
    expect(aligned[1].support[0]).toMatchObject({ postId: "p2" });
    expect(aligned[1].best).toBeGreaterThan(0.8);
  });

  it("finds nothing when the user has no posts", () => {
    expect(alignEvidence([{ field: "text", text: "PersonA runs long trails often." }], [])[0]).toMatchObject({ unsupported: true, support: [] });
  });

  it("looks for an unsupported sentence in the user's other posts, and says where it found support", () => {
    const uncited = [
      { postId: "p3", text: "My sister and I baked sourdough bread on Sunday." },
      { postId: "p4", text: "The marathon in Berlin was cold." },
    ];
    const [baked, doctorate] = alignEvidence([{ field: "text", text: "PersonA baked sourdough bread with a sister. PersonA holds a doctorate in marine biology." }], posts, { uncited });
    expect(baked).toMatchObject({ unsupported: true, elsewhere: { postId: "p3" } });
    expect(baked.elsewhere!.score).toBeGreaterThanOrEqual(0.2);
    expect(doctorate).toMatchObject({ unsupported: true, elsewhere: null });
    // a sentence the cited posts support is not looked for elsewhere
    const [knee] = alignEvidence([{ field: "text", text: "PersonA ran a hilly 20k loop and hurt a knee." }], posts, { uncited });
    expect(knee).toMatchObject({ unsupported: false, elsewhere: null });
  });
});
