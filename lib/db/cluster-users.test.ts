import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { joinCluster, leaveCluster, withClusterLock } from "./cluster-users";

const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), "cluster-users-"));
const DEAD_PID = 2 ** 22 + 12345; // past Linux's pid range: never a live process

describe("the embedded cluster's users", () => {
  it("decide one at a time under the lock, and take over a lock its dead holder left", async () => {
    const dir = fresh();
    const order: string[] = [];
    const hold = (name: string) =>
      withClusterLock(dir, async () => {
        order.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 150));
        order.push(`${name} out`);
      });
    await Promise.all([hold("a"), hold("b")]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);
    expect(fs.existsSync(path.join(dir, "postgres.lock"))).toBe(false);

    fs.writeFileSync(path.join(dir, "postgres.lock"), String(DEAD_PID));
    expect(await withClusterLock(dir, async () => "taken over")).toBe("taken over");
    fs.writeFileSync(path.join(dir, "postgres.lock"), "");
    fs.utimesSync(path.join(dir, "postgres.lock"), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(await withClusterLock(dir, async () => "an empty old lock too")).toBe("an empty old lock too");
  });

  it("count the live processes when one leaves, and forget the dead", () => {
    const dir = fresh();
    joinCluster(dir);
    fs.writeFileSync(path.join(dir, "postgres.users", String(DEAD_PID)), "");
    fs.writeFileSync(path.join(dir, "postgres.users", String(process.ppid)), ""); // a live process
    expect(leaveCluster(dir)).toBe(1);
    expect(fs.readdirSync(path.join(dir, "postgres.users"))).toEqual([String(process.ppid)]);
  });
});
