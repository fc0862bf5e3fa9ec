import { describe, expect, it } from "vitest";
import { readAhead } from "./read-ahead";

async function* numbers(n: number, log: string[]) {
  for (let i = 1; i <= n; i++) {
    log.push(`made ${i}`);
    yield i;
  }
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("readAhead", () => {
  it("makes the next item while the consumer works on the current one", async () => {
    const log: string[] = [];
    for await (const i of readAhead(numbers(3, log))) {
      await new Promise((r) => setTimeout(r, 5));
      log.push(`used ${i}`);
    }
    expect(log).toEqual(["made 1", "made 2", "used 1", "made 3", "used 2", "used 3"]);
  });

  it("makes the next item only when asked for it while `ahead` says no", async () => {
    const log: string[] = [];
    let ahead = false;
    for await (const i of readAhead(numbers(4, log), () => ahead)) {
      await new Promise((r) => setTimeout(r, 5));
      log.push(`used ${i}`);
      ahead = i >= 2;
    }
    expect(log).toEqual(["made 1", "used 1", "made 2", "used 2", "made 3", "made 4", "used 3", "used 4"]);
  });

  it("passes a failure of the source on, and closes the source when the consumer stops early", async () => {
    async function* failing() {
      yield 1;
      throw new Error("bad source");
    }
    await expect(all(readAhead(failing()))).rejects.toThrow("bad source");
    let closed = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const i of readAhead(endless())) if (i === 2) break;
    expect(closed).toBe(true);
  });
});
