import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "./safe-callback";

describe("safeCallbackPath", () => {
  it("keeps a path of the site, with its query and hash", () => {
    expect(safeCallbackPath("/projects/1/items?status=disputed#x")).toBe("/projects/1/items?status=disputed#x");
    expect(safeCallbackPath("/review/3")).toBe("/review/3");
  });

  it("refuses anything that resolves to another origin, as the review found and as browsers resolve it", () => {
    for (const evil of [
      "//evil.example/x",
      "/\\evil.example/x",
      "/\t/evil.example",
      "/\n/evil.example",
      "\\/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/\\/evil.example",
      " /x",
      "",
    ]) {
      expect(safeCallbackPath(evil), JSON.stringify(evil)).toBe("/");
    }
    expect(safeCallbackPath(decodeURIComponent("/%5Chost/x"))).toBe("/");
    expect(safeCallbackPath(decodeURIComponent("/%09/host"))).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });

  it("keeps encoded separators encoded: on this site they are part of a path, not a host", () => {
    expect(safeCallbackPath("/%5Chost/x")).toBe("/%5Chost/x");
    expect(safeCallbackPath("/%2F%2Fhost")).toBe("/%2F%2Fhost");
  });
});

describe("safeRedirectUrl", () => {
  it("stays on the site's origin", () => {
    const base = "http://127.0.0.1:3000";
    expect(safeRedirectUrl("/items", base)).toBe(`${base}/items`);
    expect(safeRedirectUrl(`${base}/items?a=1`, base)).toBe(`${base}/items?a=1`);
    expect(safeRedirectUrl("http://127.0.0.1:3001/items", base)).toBe(`${base}/`);
    expect(safeRedirectUrl(`${base}//evil.example`, base)).toBe(`${base}/`);
    expect(safeRedirectUrl("/\\evil.example", base)).toBe(`${base}/`);
  });
});
