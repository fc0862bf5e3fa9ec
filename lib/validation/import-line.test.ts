import { describe, expect, it } from "vitest";
import { parseImportLine } from "./import-line";

const reason = (line: string) => {
  const r = parseImportLine(line);
  if (r.ok) throw new Error(`expected ${line} to be rejected`);
  return r.reason;
};

const post = { type: "post", id: "p1", uid: "u1", platform: "reddit", kind: "comment", text: "hello" };

describe("parseImportLine", () => {
  it("accepts each record type of the contract and normalizes tags", () => {
    expect(parseImportLine('{"type":"user","uid":"reddit:u1","platform":"reddit"}')).toEqual({
      ok: true,
      value: { type: "user", uid: "reddit:u1", platform: "reddit", meta: {} },
    });
    const p = parseImportLine(JSON.stringify({ ...post, tags: { quality: "high", harmless: "yes" } }));
    expect(p.ok && p.value.type === "post" && p.value.tags).toEqual({ quality: "high", harmless: true });
  });

  it("refuses keys with control characters, which would break the tab-separated exports", () => {
    expect(reason(JSON.stringify({ type: "user", uid: "u\t1", platform: "reddit" }))).toContain("must not contain control characters");
    expect(reason(JSON.stringify({ ...post, id: "p\n1" }))).toContain("must not contain control characters");
    expect(reason(JSON.stringify({ ...post, uid: "u\u00851" }))).toContain("must not contain control characters");
    expect(parseImportLine(JSON.stringify({ ...post, id: "=HYPERLINK(1)" })).ok).toBe(true); // neutralised where it is written out
  });

  it("explains invalid JSON and non-objects", () => {
    expect(reason("{oops")).toBe("invalid JSON (syntax error at column 2)");
    expect(reason('{"type":"user"')).toBe("invalid JSON (the line ends before its JSON value does)");
    expect(reason("[1,2]")).toBe("each line must be a JSON object");
    expect(reason("null")).toBe("each line must be a JSON object");
  });

  it("names a missing or unknown type", () => {
    expect(reason("{}")).toBe('missing required field "type" (user, post, artifact, verdict)');
    expect(reason('{"type":"tweet"}')).toBe("unknown type (expected user, post, artifact, verdict)");
    expect(reason('{"type":7}')).toBe("unknown type (expected user, post, artifact, verdict)");
  });

  it("names missing fields, wrong types and unknown enum values by their path", () => {
    expect(reason(JSON.stringify({ ...post, uid: undefined }))).toBe('missing required field "uid"');
    expect(reason(JSON.stringify({ ...post, text: ["x"] }))).toBe('field "text" must be a string, got an array');
    expect(reason(JSON.stringify({ ...post, kind: "story" }))).toMatch(/^unknown kind \(expected one of submission, comment/);
    expect(reason(JSON.stringify({ ...post, created_at: "last tuesday" }))).toMatch(/created_at.*ISO 8601/);
  });

  it("checks platform-specific post shapes", () => {
    expect(reason(JSON.stringify({ ...post, platform: "twitter" }))).toBe('post kind "comment" does not occur on twitter (expected tweet)');
    const review = { ...post, platform: "amazon", kind: "review", meta: { rating: 9, item_title: "" } };
    expect(reason(JSON.stringify(review))).toBe("a review needs meta.rating, a number from 1 to 5; a review needs meta.item_title");
  });

  it("checks artifact content per kind, flavors and judge metrics", () => {
    const artifact = { type: "artifact", id: "a1", uid: "u1", kind: "persona", content: { text: "PersonA runs." }, source_post_ids: [] };
    expect(parseImportLine(JSON.stringify(artifact)).ok).toBe(true);
    expect(reason(JSON.stringify({ ...artifact, content: { stories: [] } }))).toBe('missing required field "content.text"');
    expect(reason(JSON.stringify({ ...artifact, flavor: "why" }))).toBe("only social_qa artifacts have a flavor, not persona");
    expect(reason(JSON.stringify({ ...artifact, judge: { scores: { fidelity: 8 } } }))).toBe(
      "judge.scores holds a metric persona artifacts are not judged on (expected hallucination, coverage, conciseness, relevance, overall)",
    );
    expect(reason(JSON.stringify({ ...artifact, kind: "summary", source_post_ids: ["p1"], judge: { scores: { overall: 8 } } }))).toBe(
      "summary artifacts are not judged, so they carry no judge scores",
    );
    expect(reason(JSON.stringify({ ...artifact, kind: "story", content: { background: "", characters: {}, story: "x" } }))).toBe("a story artifact must cite at least one source post");
  });

  it("requires content on edit verdicts and known reason codes", () => {
    const v = { type: "verdict", artifact_id: "a1", annotator: "a@example.org", decision: "edit", created_at: "2026-11-20T10:00:00Z" };
    expect(reason(JSON.stringify(v))).toBe("an edit verdict needs the corrected content");
    expect(reason(JSON.stringify({ ...v, decision: "accept", reasons: ["vibes"] }))).toMatch(/^unknown value for "reasons.0" \(expected one of /);
    expect(parseImportLine(JSON.stringify({ ...v, decision: "reject", reasons: ["pii"] })).ok).toBe(true);
  });

  it("refuses a line nested deeper than a record may be, at once, before parsing it", () => {
    const deep = (n: number) => `{"type":"user","uid":"u1","platform":"reddit","meta":{"a":${"[".repeat(n)}${"]".repeat(n)}}}`;
    expect(parseImportLine(deep(61))).toMatchObject({ ok: true }); // 63 levels in all
    const started = performance.now();
    expect(parseImportLine(deep(100_000))).toEqual({ ok: false, reason: "nested deeper than 63 levels of arrays and objects (at most 63)" });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("says what is wrong and where without repeating the line's text or values", () => {
    const secret = "sk_live_51HqSECRETvalue0123456789";
    const post = { type: "post", id: "p1", uid: "u1", platform: "reddit", kind: "comment", text: "hello" };
    const artifact = { type: "artifact", id: "a1", uid: "u1", kind: "story", content: { background: "", characters: {}, story: "x" }, source_post_ids: ["p1"] };
    const verdict = { type: "verdict", artifact_id: "a1", annotator: "a@example.org", decision: "accept", created_at: "2026-11-20T10:00:00Z" };
    const lines = [
      `${secret} {"type":"user"}`,
      `{"type":"user","uid":"u1","platform":"reddit"} ${secret}`,
      `{"type":"post","text":"${secret}`,
      JSON.stringify({ type: secret }),
      JSON.stringify({ type: "user", uid: "u1", platform: secret }),
      JSON.stringify({ ...post, kind: secret }),
      JSON.stringify({ ...post, platform: "twitter", kind: secret }),
      JSON.stringify({ ...artifact, kind: secret }),
      JSON.stringify({ ...artifact, judge: { scores: { [secret]: 7 } } }),
      JSON.stringify({ ...artifact, judge: { scores: { overall: secret } } }),
      JSON.stringify({ ...artifact, content: { ...artifact.content, characters: { [secret]: 5 } } }),
      JSON.stringify({ ...verdict, reasons: [secret] }),
      JSON.stringify({ ...verdict, decision: secret }),
      JSON.stringify({ ...verdict, annotator: secret, created_at: secret }),
    ];
    for (const line of lines) {
      const r = reason(line);
      expect(r).not.toContain("SECRET");
      expect(r).not.toContain("sk_live");
      expect(r.length).toBeGreaterThan(10);
    }
    expect(reason(JSON.stringify({ ...artifact, content: { ...artifact.content, characters: { [secret]: 5 } } }))).toBe('field "content.characters.*" must be a string, got number');
  });
});
