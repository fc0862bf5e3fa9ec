import { describe, expect, it } from "vitest";
import { GET as currentRules } from "@/app/api/v1/projects/[projectId]/rules/current/route";
import { createApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens";
import { sessionUser, startSession } from "@/lib/server/auth/sessions";
import { changeRole, resetPassword, setActive } from "@/lib/server/accounts/manage-accounts";
import { adjudicate } from "@/lib/server/adjudication/adjudicate";
import { AUDIT_PAGE, listAuditEvents } from "@/lib/server/audit-log";
import { recordAudit } from "@/lib/server/record-audit";
import { findOrCreateProject } from "@/lib/server/projects/find-or-create-project";
import { updateProjectSettings } from "@/lib/server/projects/update-project-settings";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { submitVerdict } from "@/lib/server/review/submit-verdict";
import { undoLastVerdict } from "@/lib/server/review/undo-verdict";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { performExportRun, requestExport } from "@/lib/server/splits/export-runs";
import { addMember, importText, jsonl, makeAccount, tinyBatch, unique } from "../helpers/factories";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { count, sql, texts, ARTIFACT_ROWS } from "../helpers/db";

const as = (a: { id: number; email: string }) => ({ actorId: a.id, actorLabel: a.email });

describe("the audit trail", () => {
  it("records a full review, adjudication and export cycle completely and in order, and cannot be changed", async () => {
    const [lead, a, b] = [await makeAccount("lead"), await makeAccount(), await makeAccount()];
    const { project } = await findOrCreateProject(unique("audited"), as(lead));
    await updateProjectSettings({ projectId: project.id, description: "", overlap: 2, leaseMinutes: 15, goldRate: 0, blindMode: false, labelMode: "three_class", calibrationFirst: false }, as(lead));
    const items = [tinyBatch(), tinyBatch()];
    // different texts, or the leakage check would call them duplicates across splits
    items[1].post.text = items[1].post.rewrite = "We baked sourdough bread for the first time this weekend.";
    items[1].artifact.content = { scenario: "PersonA bakes bread.", question: "Why does PersonA bake?", answer: "Because PersonA likes sourdough." };
    expect((await importText(project.id, jsonl(items.flatMap((t) => [t.user, t.post, t.artifact])), { actor: as(lead) })).ok).toBe(true);

    let clock = Date.now();
    const tick = () => new Date((clock += 1000));
    const review = async (who: typeof a, decision: "accept" | "reject") => {
      const now = tick();
      const claim = (await claimNextArtifact(project.id, who.id, { now }))!;
      return submitVerdict(project.id, as(who), { artifactId: claim.artifactId, decision, reasons: decision === "reject" ? ["generic"] : [] }, { now });
    };
    await review(a, "accept");
    await undoLastVerdict(project.id, as(a), { now: tick() }); // a takes it back (a retraction supersedes the verdict)
    await review(a, "reject");
    await review(b, "accept"); // the same artifact: disputed
    await review(a, "accept");
    await review(b, "accept"); // the other one: accepted
    const [disputed] = await texts(sql`SELECT "id" AS "v" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${project.id} AND "status" = 'disputed'`);
    await adjudicate(project.id, as(lead), { artifactId: disputed, decision: "accept", note: "the answer is grounded" });
    const { version } = await createSplitVersion(project.id, { ratios: { train: 0.5, validation: 0, test: 0.5 }, seed: "audit" }, as(lead));
    expect(await performExportRun(await requestExport(project.id, version, "export", as(lead)))).toMatchObject({ status: "succeeded", error: null });
    expect((await performExportRun(await requestExport(project.id, version, "freeze", as(lead)))).status).toBe("succeeded");

    const trail = await db().many(
      row({ id: col.int, action: col.text, actorLabel: col.text }),
      sql`SELECT "id", "action", "actorLabel" FROM "AuditEvent" WHERE "projectId" = ${project.id} ORDER BY "id"`,
    );
    expect(trail.map((e) => e.action)).toEqual([
      "project.created",
      "project.settings_changed",
      "import.succeeded",
      "verdict.created",
      "verdict.retracted",
      "verdict.created",
      "verdict.created",
      "verdict.created",
      "verdict.created",
      "adjudication.created",
      "split.created",
      "export.requested",
      "export.written",
      "split.freeze_requested",
      "split.frozen",
      "export.written", // the run records its files once the freeze is done
    ]);
    expect(trail.filter((e) => e.action.startsWith("verdict.")).map((e) => e.actorLabel)).toEqual([a.email, a.email, a.email, b.email, a.email, b.email]);

    // the audit page's query: by actor, by a family of actions, newest first, in pages
    const mine = await listAuditEvents({ actor: a.email, action: "verdict." });
    expect(mine.rows.map((e) => e.action)).toEqual(["verdict.created", "verdict.created", "verdict.retracted", "verdict.created"]);
    expect(mine.rows.every((e) => e.actorLabel === a.email)).toBe(true);
    expect((await listAuditEvents({ entityType: "Artifact", entityId: disputed })).rows.map((e) => e.action)).toEqual(["adjudication.created"]);

    // append-only: the database itself refuses to change or delete an event
    await expect(db().exec(sql`UPDATE "AuditEvent" SET "action" = 'x' WHERE "id" = ${trail[0].id}`)).rejects.toThrow("append-only");
    await expect(db().exec(sql`DELETE FROM "AuditEvent" WHERE "id" = ${trail[0].id}`)).rejects.toThrow("append-only");
  });

  it("pages through events without skipping or repeating one", async () => {
    const admin = await makeAccount("admin");
    for (let i = 0; i < AUDIT_PAGE + 7; i++) await recordAudit({ ...as(admin), action: "project.settings_changed", entityType: "Project", entityId: i });
    const seen: number[] = [];
    let after: string | undefined;
    do {
      const page = await listAuditEvents({ actor: admin.email, after });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen.length).toBe(AUDIT_PAGE + 7);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((x, y) => y - x)).toEqual(seen); // newest first
  });
});

describe("accounts and tokens", () => {
  it("ends live sessions and API tokens when the account is deactivated or its password reset, brings none back, and audits each change", async () => {
    const [admin, person] = [await makeAccount("admin"), await makeAccount()];
    const session = await startSession(person.id, 3600);
    const liveTokens = () => count(sql`SELECT COUNT(*) FROM "ApiToken" WHERE "accountId" = ${person.id} AND "revokedAt" IS NULL`);
    await createApiToken({ accountId: person.id, name: "before", scope: "read" }, as(person));
    expect(await sessionUser(session)).toMatchObject({ email: person.email, role: "annotator" });
    await changeRole(person.id, "lead", as(admin));
    expect(await sessionUser(session)).toMatchObject({ role: "lead" }); // a role change applies at once
    await setActive(person.id, false, as(admin));
    expect(await sessionUser(session)).toBeNull();
    expect(await liveTokens()).toBe(0);
    await setActive(person.id, true, as(admin));
    expect(await sessionUser(session)).toBeNull(); // the old session stays ended
    expect(await liveTokens()).toBe(0); // and so do the old tokens
    const again = await startSession(person.id, 3600); // a new sign-in works
    expect(await sessionUser(again)).not.toBeNull();
    await createApiToken({ accountId: person.id, name: "after", scope: "read" }, as(person));
    await resetPassword(person.id, as(admin));
    expect(await sessionUser(again)).toBeNull();
    expect(await liveTokens()).toBe(0);
    await expect(setActive(admin.id, false, as(admin))).rejects.toThrow(/your own account/);
    const actions = (await listAuditEvents({ entityType: "Account", entityId: String(person.id) })).rows.map((e) => e.action);
    expect(actions).toEqual(["account.password_reset", "account.reactivated", "account.deactivated", "account.role_changed", "account.created"]);
  });

  it("refuses to leave the workbench without an active admin", async () => {
    const admin = await makeAccount("admin");
    const others = (await db().many(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "role" = 'admin' AND "active" AND "id" <> ${admin.id}`)).map((r) => r.id);
    for (const id of others) await setActive(id, false, as(admin));
    await expect(changeRole(admin.id, "lead", as(admin))).rejects.toThrow(/only active admin/);
    for (const id of others) await setActive(id, true, as(admin));
  });

  it("answers 401 to a revoked token on an /api/v1 route, and only its owner revokes it from the app", async () => {
    const [owner, other] = [await makeAccount("lead"), await makeAccount()];
    const { project } = await findOrCreateProject(unique("tokens"), as(owner));
    await addMember(project.id, owner.id);
    const { id, secret } = await createApiToken({ accountId: owner.id, name: "pipeline", scope: "read" }, as(owner));
    const call = () =>
      currentRules(new Request(`http://localhost/api/v1/projects/${project.id}/rules/current`, { headers: { authorization: `Bearer ${secret}` } }), {
        params: Promise.resolve({ projectId: String(project.id) }),
      });
    expect((await call()).status).toBe(200);
    await expect(revokeApiToken(id, as(other), other.id)).rejects.toThrow(/No live token/);
    await revokeApiToken(id, as(owner), owner.id);
    const refused = await call();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "unauthenticated", message: "This API token was revoked." } });
  });
});
