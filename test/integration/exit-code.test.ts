import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("a process that loads the embedded PostgreSQL", () => {
  it("keeps its exit code (a failed test run or CLI command must not end as a success)", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "test/helpers/exit-code-fixture.ts"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(3);
  });
});
