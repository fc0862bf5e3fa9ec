import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { fileSandbox, runCli } from "../helpers/run-cli";

const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

describe("cli agreement FILE", () => {
  const box = fileSandbox();

  it("prints the four statistics with intervals and counts as JSON; Cohen's kappa with exactly two annotators", async () => {
    // Cohen's classic table: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15 (kappa 0.4)
    const pairs = [...Array(20).fill(["yes", "yes"]), ...Array(5).fill(["yes", "no"]), ...Array(10).fill(["no", "yes"]), ...Array(15).fill(["no", "no"])];
    const file = box.file("two.jsonl");
    fs.writeFileSync(
      file,
      lines(
        pairs.flatMap(([a, b], i) => [
          { item: `t${i}`, annotator: "ann", label: a },
          { item: `t${i}`, annotator: "bob", label: b },
        ]),
      ),
    );
    const r = runCli(["agreement", file, "--json", "--resamples", "200"], process.env.DATABASE_URL!);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ratings: 100, items: 50, annotators: 2, categories: ["no", "yes"] });
    expect(out.cohenKappa.value).toBeCloseTo(0.4, 10);
    expect(out.cohenKappa).toMatchObject({ items: 50, ratings: 100, annotators: ["ann", "bob"] });
    expect(out.percentAgreement.value).toBeCloseTo(0.7, 10);
    expect(out.fleissKappa.value).toBeCloseTo(0.3939, 3);
    expect(out.krippendorffAlpha.value).toBeCloseTo(0.3999, 3);
    for (const name of ["percentAgreement", "fleissKappa", "krippendorffAlpha", "cohenKappa"]) {
      expect(out[name].low).toBeLessThan(out[name].value);
      expect(out[name].high).toBeGreaterThan(out[name].value);
    }
    // the same seed gives the same intervals
    expect(JSON.parse(runCli(["agreement", file, "--json", "--resamples", "200"], process.env.DATABASE_URL!).stdout)).toEqual(out);
  });

  it("gives null Fleiss' and Cohen's kappa, with reasons, for unequal ratings per item and three annotators", async () => {
    const file = box.file("three.jsonl");
    fs.writeFileSync(
      file,
      lines([
        { item: 1, annotator: "a", label: "x" },
        { item: 1, annotator: "b", label: "x" },
        { item: 1, annotator: "c", label: "y" },
        { item: 2, annotator: "a", label: "y" },
        { item: 2, annotator: "b", label: "y" },
        { item: 3, annotator: "c", label: "x" },
      ]),
    );
    const out = JSON.parse(runCli(["agreement", file, "--json", "--resamples", "100"], process.env.DATABASE_URL!).stdout);
    expect(out.fleissKappa).toBeNull();
    expect(out.cohenKappa).toBeNull();
    expect(out.notDefined.fleissKappa).toMatch(/different numbers of ratings/);
    expect(out.notDefined.cohenKappa).toMatch(/there are 3/);
    // item 3 has a single rating: not pairable, left out
    expect(out.krippendorffAlpha).toMatchObject({ items: 2, ratings: 5 });
    const text = runCli(["agreement", file, "--resamples", "100"], process.env.DATABASE_URL!);
    expect(text.stdout).toMatch(/Fleiss' kappa\s+not defined: items have different numbers of ratings/);
    expect(text.stdout).toMatch(/Krippendorff's alpha\s+-?\d\.\d{3}/);
  });

  it("reports every bad line and computes nothing", async () => {
    const file = box.file("bad.jsonl");
    fs.writeFileSync(file, `${JSON.stringify({ item: "1", annotator: "a", label: "x" })}\n{"item": "1"}\nnot json\n${JSON.stringify({ item: "2", annotator: "", label: "x" })}\n`);
    const r = runCli(["agreement", file, "--json"], process.env.DATABASE_URL!);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("bad.jsonl:2: annotator: annotator is missing; label: label is missing");
    expect(r.stderr).toContain("bad.jsonl:3: not valid JSON");
    expect(r.stderr).toContain("bad.jsonl:4: annotator: annotator must not be empty");
    expect(r.stderr).toContain("3 bad lines");

    fs.writeFileSync(
      file,
      lines([
        { item: 1, annotator: "a", label: "x" },
        { item: 1, annotator: "a", label: "y" },
      ]),
    );
    expect(runCli(["agreement", file], process.env.DATABASE_URL!).stderr).toContain(`"a" rated "1" twice`);
    expect(runCli(["agreement", box.file("missing.jsonl")], process.env.DATABASE_URL!).stderr).toContain("missing.jsonl: no such file");
  });
});
