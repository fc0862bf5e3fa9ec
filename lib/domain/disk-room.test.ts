import { describe, expect, it } from "vitest";
import { diskRoomProblem, formatBytes } from "./disk-room";

describe("diskRoomProblem", () => {
  it("takes an upload only when twice its size stays free after it", () => {
    expect(diskRoomProblem(3_000, 1_000)).toBeNull();
    expect(diskRoomProblem(2_999, 1_000)).toMatch(/1\.0 KB needs 3\.0 KB free .* the server has 3\.0 KB/);
    expect(diskRoomProblem(0, 1)).not.toBeNull();
    expect(diskRoomProblem(10, 0)).toBeNull();
  });

  it("says sizes in the units people read", () => {
    expect(formatBytes(999)).toBe("999 bytes");
    expect(formatBytes(5_300_000)).toBe("5.3 MB");
    expect(formatBytes(42_000_000_000)).toBe("42 GB");
  });
});
