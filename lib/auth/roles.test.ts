import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, isRole } from "./roles";

describe("can", () => {
  it("lets annotators review but not manage or import", () => {
    expect(can("annotator", "review:work")).toBe(true);
    expect(can("annotator", "import:run")).toBe(false);
    expect(can("annotator", "project:manage")).toBe(false);
    expect(can("annotator", "accounts:manage")).toBe(false);
  });

  it("lets leads run projects but not manage accounts or read the audit log", () => {
    for (const p of ["import:run", "adjudicate", "rules:manage", "split:manage", "project:manage"] as const) expect(can("lead", p)).toBe(true);
    expect(can("lead", "accounts:manage")).toBe(false);
    expect(can("lead", "audit:read")).toBe(false);
  });

  it("lets only admins into projects they are not members of", () => {
    expect(can("admin", "project:all")).toBe(true);
    expect(can("lead", "project:all")).toBe(false);
    expect(can("annotator", "project:all")).toBe(false);
  });

  it("gives admins every permission", () => {
    for (const p of PERMISSIONS) expect(can("admin", p)).toBe(true);
  });
});

describe("isRole", () => {
  it("accepts the three roles only", () => {
    expect(isRole("lead")).toBe(true);
    expect(isRole("owner")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
