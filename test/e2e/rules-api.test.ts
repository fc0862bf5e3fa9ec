import { describe, expect, inject, it } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens";
import { defaultRuleSet } from "@/lib/domain/qc/rule-set";
import { saveRuleSet } from "@/lib/server/qc/rule-sets";
import { col, count, row, serverDb, sql } from "../helpers/e2e-db";
import { checkResponse } from "../helpers/openapi-check";

const baseURL = inject("baseURL");

/** The server's own database, for setting up tokens as the CLI would. */

const actor = { actorLabel: "e2e" };
/** GET under /api/v1, the answer checked against the OpenAPI document */
const get = async (path: string, token?: string) =>
  checkResponse("GET", path.replace(/^\/api\/v1/, ""), await fetch(`${baseURL}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} }));

describe("pipeline API: rules", () => {
  it("serves the current and a named rule set to a token, and refuses missing, unknown, revoked and out-of-reach tokens", async () => {
    const lead = await count(sql`SELECT "id" FROM "Account" WHERE "email" = 'lead@demo.local'`);
    const { secret, id } = await serverDb().tx((t) => createApiToken({ accountId: lead, name: "pipeline", scope: "read" }, actor, t));
    const strict = defaultRuleSet();
    strict.pass.persona = { ...strict.pass.persona, overall: 9 };
    await serverDb().tx((t) => saveRuleSet(1, { rules: strict, note: "from the e2e test" }, actor, t));

    const current = await get("/api/v1/projects/1/rules/current", secret);
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({ project: "HumanLLM demo", note: "from the e2e test", rules: strict });
    const first = await get("/api/v1/projects/1/rules/1", secret);
    expect((await first.json()).rules).toEqual(defaultRuleSet());

    const missing = await get("/api/v1/projects/1/rules/current");
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: "unauthenticated", message: "Send an API token: Authorization: Bearer <token>." } });
    expect((await get("/api/v1/projects/1/rules/current", "hlw_not-a-token")).status).toBe(401);
    expect((await get("/api/v1/projects/1/rules/99", secret)).status).toBe(404);
    expect((await get("/api/v1/projects/1/rules/abc", secret)).status).toBe(422);
    expect((await get("/api/v1/projects/999/rules/current", secret)).status).toBe(404);

    // an annotator's token reaches only the projects the annotator is assigned to: any other is the same 404 as a missing one
    const { id: annotator } = await serverDb().one(
      row({ id: col.int }),
      sql`INSERT INTO "Account" ("email", "role", "passwordHash", "createdAt") VALUES (${`e2e-${Date.now()}@example.org`}, 'annotator', 'x', ${new Date()}) RETURNING "id"`,
    );
    const outsider = await serverDb().tx((t) => createApiToken({ accountId: annotator, name: "x", scope: "read" }, actor, t));
    const outside = await get("/api/v1/projects/1/rules/current", outsider.secret);
    expect(outside.status).toBe(404);
    expect((await outside.json()).error.message).toBe("Project 1 does not exist.");
    expect((await (await get("/api/v1/projects/999/rules/current", outsider.secret)).json()).error.message).toBe("Project 999 does not exist.");

    await serverDb().tx((t) => revokeApiToken(id, actor, undefined, t));
    const revoked = await get("/api/v1/projects/1/rules/current", secret);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.message).toBe("This API token was revoked.");
    // only hashes are stored, and every change is audited
    expect(await count(sql`SELECT COUNT(*) FROM "ApiToken" WHERE "tokenHash" = ${secret}`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM "AuditEvent" WHERE "entityType" = 'ApiToken' AND "entityId" = ${String(id)}`)).toBe(2);
  });
});
