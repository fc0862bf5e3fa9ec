import { describe, expect, it } from "vitest";
import { projectDashboard } from "@/lib/server/projects/project-dashboard";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

describe("projectDashboard", () => {
  it("counts artifacts by status, kind and platform and verdicts per day", async () => {
    const project = await makeProject();
    const [a, b] = [await makeAccount(), await makeAccount()];
    const [x, y, z] = [tinyBatch(), tinyBatch(), tinyBatch()];
    const v = (artifactId: string, who: { email: string }, decision: string, day: string) => ({
      type: "verdict",
      artifact_id: artifactId,
      annotator: who.email,
      decision,
      reasons: decision === "reject" ? ["generic"] : [],
      created_at: `${day}T10:00:00Z`,
    });
    await importText(
      project.id,
      jsonl([
        x.user,
        x.post,
        x.artifact,
        y.user,
        y.post,
        y.artifact,
        z.user,
        z.post,
        z.artifact,
        v(x.artifactId, a, "accept", "2026-11-20"),
        v(x.artifactId, b, "accept", "2026-11-21"),
        v(y.artifactId, a, "accept", "2026-11-21"),
        v(y.artifactId, b, "reject", "2026-11-21"),
      ]),
    );
    const d = await projectDashboard(project.id);
    expect(Object.fromEntries(d.byStatus.map((s) => [s.key, s.count]))).toEqual({ accepted: 1, disputed: 1, pending: 1 });
    expect(d.byKind).toEqual([
      { kind: "social_qa", status: "accepted", count: 1 },
      { kind: "social_qa", status: "disputed", count: 1 },
      { kind: "social_qa", status: "pending", count: 1 },
    ]);
    expect(d.byPlatform.reduce((n, r) => n + r.count, 0)).toBe(3);
    // x became final with its second verdict, given on the 21st: that is when it counts, not the import day
    expect(d.perDay).toEqual([
      { day: "2026-11-20", verdicts: 1, finalized: 0 },
      { day: "2026-11-21", verdicts: 3, finalized: 1 },
    ]);
  });
});
