import { describe, expect, it } from "vitest";
import { runSoak } from "../../bench/soak";

// The soak bench's scenario for two minutes (bench/soak.ts; the hour-long run's figures are in
// docs/benchmarks.md): two instances with a worker each, annotators, a lead, the pipeline's uploads,
// a cli import, and every fault: workers killed, an instance killed and started again, PostgreSQL
// stopped and started again. Nothing acknowledged is lost, nothing is assigned twice, no job is
// stuck or lost, no import half-written, and no request answers 500 or hangs.
describe("a two-minute soak with faults", () => {
  it("loses nothing, doubles nothing, leaves no job stuck and answers no 500", async () => {
    const report = await runSoak({ minutes: 2, artifacts: 3000, annotators: 8, importLines: 3000, thinkMs: [500, 1500], leadPauseMs: 3000, log: () => undefined });
    expect(report.checks).toEqual({ verdictsLost: 0, doubleAssignments: 0, jobsStuck: 0, jobsLost: 0, importsHalfWritten: 0 });
    expect(report.faults.map((f) => f.what)).toEqual(expect.arrayContaining(["instance B killed", "instance B back", "PostgreSQL stopped (fast shutdown)", "worker A killed", "worker B killed"]));
    expect(report.import.ok).toBe(true);
    expect(report.totals.verdictsAcknowledged).toBeGreaterThan(50);
    // what people were told while something was down: 503 (or, for a request in flight to the
    // instance that was killed, no answer), never a 500 or a hang; an upload sent again while its
    // first attempt still runs on a worker is told so (409), as the API documents
    expect(Object.keys(report.totals.errors).filter((e) => !/ (503|refused)$/.test(e) && e !== "upload 409")).toEqual([]);
    expect(report.chart).toContain("<svg");
  }, 600_000);
});
