import { describe, expect, it } from "vitest";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { openSqlite } from "@/lib/server/sqlite";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

/** Another connection holding the write lock, as an import in another process does. */
function holdWriteLock() {
  const other = openSqlite(process.env.DATABASE_URL);
  other.exec("BEGIN IMMEDIATE");
  return () => {
    other.exec("COMMIT");
    other.close();
  };
}

describe("a transaction behind another process's write", () => {
  it("waits for a long-held write lock without blocking the event loop, then does the work", async () => {
    const project = await makeProject();
    const annotator = await makeAccount();
    const t = tinyBatch();
    await importText(project.id, jsonl([t.user, t.post, t.artifact]));
    const release = holdWriteLock();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    setTimeout(release, 400);
    const claim = await claimNextArtifact(project.id, annotator.id);
    clearInterval(ticker);
    expect(claim?.artifactId).toBe(t.artifactId);
    expect(ticks).toBeGreaterThan(10); // timers kept firing while the claim waited
  });
});
