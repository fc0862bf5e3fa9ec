import { describe, expect, it } from "vitest";
import { unavailableAnswer } from "./unavailable-answer";

describe("unavailableAnswer", () => {
  it("answers the API with its error shape, 503 and Retry-After", () => {
    const a = unavailableAnswer("/api/v1/projects", "The database is away.", 5);
    expect(a.status).toBe(503);
    expect(a.headers).toMatchObject({ "Retry-After": "5", "Content-Type": "application/json", "Cache-Control": "no-store" });
    expect(JSON.parse(a.body)).toEqual({ error: { code: "unavailable", message: "The database is away." } });
  });

  it("answers a person with a page that says so and reloads itself", () => {
    const a = unavailableAnswer("/projects/3/review", "Away <for now>.", 5);
    expect(a.status).toBe(503);
    expect(a.headers["Content-Type"]).toMatch(/^text\/html/);
    expect(a.body).toContain("The database is unavailable");
    expect(a.body).toContain('<meta http-equiv="refresh" content="5">');
    expect(a.body).toContain("Away &#60;for now&#62;.");
  });
});
