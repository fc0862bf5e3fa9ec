import { describe, expect, it } from "vitest";
import { parseImportLine } from "../../validation/import-line";
import { ARTIFACT_KINDS, PLATFORMS, SOCIAL_QA_FLAVORS, DEFAULT_RUBRIC, rubricKey, type ArtifactKind } from "../kinds";
import { generateDemoBatch } from "./generate";

const batch = (users: number, seed: string | number = 7, annotators?: string[]) => [...generateDemoBatch({ users, seed, annotators })];

describe("generateDemoBatch", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(JSON.stringify(batch(20, "a"))).toBe(JSON.stringify(batch(20, "a")));
    expect(JSON.stringify(batch(20, "a"))).not.toBe(JSON.stringify(batch(20, "b")));
  });

  it("writes only lines the importer's schemas accept", () => {
    for (const record of batch(60, 1, ["x@example.org", "y@example.org", "z@example.org"])) {
      const parsed = parseImportLine(JSON.stringify(record));
      expect(parsed.ok ? "ok" : parsed.reason).toBe("ok");
    }
  });

  it("covers every platform with its own post shape, every kind and every social_qa flavor", () => {
    const records = batch(80);
    const posts = records.filter((r) => r.type === "post") as unknown as { platform: string; kind: string; meta: Record<string, unknown>; title?: string }[];
    expect(new Set(posts.map((p) => p.platform))).toEqual(new Set(PLATFORMS));
    expect(posts.filter((p) => p.platform === "reddit").every((p) => typeof p.meta.subreddit === "string" && typeof p.meta.score === "number")).toBe(true);
    expect(posts.filter((p) => p.kind === "review").every((p) => typeof p.meta.rating === "number" && typeof p.meta.item_title === "string")).toBe(true);
    expect(posts.filter((p) => p.kind === "blog").every((p) => p.title)).toBe(true);
    const artifacts = records.filter((r) => r.type === "artifact") as unknown as { kind: ArtifactKind; flavor?: string; uid: string; judge?: { scores: Record<string, number> } }[];
    expect(new Set(artifacts.map((a) => a.kind))).toEqual(new Set(ARTIFACT_KINDS));
    expect(new Set(artifacts.filter((a) => a.kind === "social_qa").map((a) => a.flavor))).toEqual(new Set(SOCIAL_QA_FLAVORS));
    expect(artifacts.filter((a) => a.uid.startsWith("amazon:")).every((a) => a.judge === undefined)).toBe(true);
  });

  it("spreads judge scores across pass, borderline and fail", () => {
    const tiers = { pass: 0, borderline: 0, fail: 0 };
    for (const r of batch(80)) {
      const a = r as unknown as { type: string; kind: ArtifactKind; flavor?: string; judge?: { scores: Record<string, number> } };
      if (a.type !== "artifact" || !a.judge) continue;
      const thresholds = DEFAULT_RUBRIC[rubricKey(a.kind, a.flavor)] as Record<string, number>;
      const misses = Object.entries(a.judge.scores)
        .map(([m, s]) => thresholds[m] - s)
        .filter((gap) => gap > 0);
      if (misses.length === 0) tiers.pass++;
      else if (misses.length === 1 && misses[0] === 1) tiers.borderline++;
      else tiers.fail++;
    }
    expect(tiers.pass).toBeGreaterThan(50);
    expect(tiers.borderline).toBeGreaterThan(20);
    expect(tiers.fail).toBeGreaterThan(20);
  });

  it("plants problems a reviewer should catch: unsupported claims, leaked names and emails, give-away scenarios", () => {
    const artifacts = batch(120)
      .filter((r) => r.type === "artifact")
      .map((r) => JSON.stringify(r.content));
    expect(artifacts.some((c) => /national championship|sailboat|doctorate|football player/.test(c))).toBe(true);
    expect(artifacts.some((c) => /[a-z]+\.[a-z]+\d\d@example\.com/.test(c))).toBe(true);
    const qa = batch(120)
      .filter((r) => r.type === "artifact" && r.kind === "social_qa")
      .map((r) => r.content as { scenario: string; answer: string });
    expect(qa.some((c) => c.scenario.includes(c.answer.split(",")[0]))).toBe(true);
  });

  it("adds two verdicts by distinct annotators to a share of artifacts when asked", () => {
    const records = batch(40, 3, ["a@x.org", "b@x.org", "c@x.org"]);
    const verdicts = records.filter((r) => r.type === "verdict") as unknown as { artifact_id: string; annotator: string; decision: string }[];
    const byArtifact = new Map<string, string[]>();
    for (const v of verdicts) byArtifact.set(v.artifact_id, [...(byArtifact.get(v.artifact_id) ?? []), v.annotator]);
    expect(byArtifact.size).toBeGreaterThan(100);
    for (const who of byArtifact.values()) expect(new Set(who).size).toBe(2);
    const disagreements = [...byArtifact.keys()].filter((id) => new Set(verdicts.filter((v) => v.artifact_id === id).map((v) => v.decision === "reject")).size > 1);
    expect(disagreements.length).toBeGreaterThan(5);
  });
});
