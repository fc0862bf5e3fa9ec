import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import bcrypt from "bcryptjs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { can, type Permission, type Role } from "@/lib/auth/roles";
import { findDoors, type Door } from "../helpers/doors";
import { cookieHeader, signIn } from "../helpers/http-auth";
import { col, row, serverDb, sql } from "../helpers/e2e-db";

// The route × role × membership matrix. The doors come from the route files (test/helpers/doors.ts);
// this table says who may pass each one. A door missing from it (a new page, route or action) fails
// the test until it is added, so no door escapes the guard's check.

type Rule = { permission: Permission; project: boolean; via?: "token" } | { public: true };
const project = (permission: Permission, via?: "token"): Rule => ({ permission, project: true, via });
const global = (permission: Permission, via?: "token"): Rule => ({ permission, project: false, via });
const PUBLIC: Rule = { public: true };

const RULES: Record<string, Rule> = {
  "page /": global("project:read"),
  "page /account/tokens": global("tokens:own"),
  "page /admin/accounts": global("accounts:manage"),
  "page /admin/audit": global("audit:read"),
  "page /import": global("import:run"),
  "page /import/format": global("import:run"),
  "page /login": PUBLIC,
  "page /adjudicate/[projectId]": project("adjudicate"),
  "page /projects/[projectId]/agreement": project("stats:read"),
  "page /projects/[projectId]/agreement/disagreements": project("stats:read"),
  "page /projects/[projectId]/calibration": project("rules:manage"),
  "page /projects/[projectId]/dashboard": project("stats:read"),
  "page /projects/[projectId]/items": project("project:manage"),
  "page /projects/[projectId]/items/[artifactId]": project("project:manage"),
  "page /projects/[projectId]/settings": project("project:manage"),
  "page /projects/[projectId]/splits": project("split:manage"),
  "page /projects/[projectId]/webhooks": project("project:manage"),
  "page /review/[projectId]": project("review:work"),
  "GET /api/auth/[...nextauth]": PUBLIC,
  "POST /api/auth/[...nextauth]": PUBLIC,
  "POST /api/imports": global("import:run"),
  "POST /api/adjudicate/[projectId]": project("adjudicate"),
  "GET /api/projects/[projectId]/exports/[runId]/files/[name]": project("split:manage"),
  "POST /api/review/[projectId]/next": project("review:work"),
  "POST /api/review/[projectId]/skip": project("review:work"),
  "POST /api/review/[projectId]/undo": project("review:work"),
  "POST /api/review/[projectId]/verdict": project("review:work"),
  "GET /api/v1/openapi.json": PUBLIC,
  "GET /api/v1/[...rest]": PUBLIC,
  "POST /api/v1/[...rest]": PUBLIC,
  "PUT /api/v1/[...rest]": PUBLIC,
  "PATCH /api/v1/[...rest]": PUBLIC,
  "DELETE /api/v1/[...rest]": PUBLIC,
  "GET /api/v1/projects/[projectId]/artifacts/[artifactId]": project("project:manage", "token"),
  "GET /api/v1/projects/[projectId]/batches/[batchId]": project("import:run", "token"),
  "POST /api/v1/projects/[projectId]/batches": project("import:run", "token"),
  "GET /api/v1/projects/[projectId]/exports/[exportId]": project("split:manage", "token"),
  "POST /api/v1/projects/[projectId]/exports": project("split:manage", "token"),
  "GET /api/v1/projects/[projectId]/exports/[exportId]/files/[name]": project("split:manage", "token"),
  "GET /api/v1/projects/[projectId]/rules/current": project("project:read", "token"),
  "GET /api/v1/projects/[projectId]/rules/[version]": project("project:read", "token"),
  "GET /api/v1/projects/[projectId]/verdicts": project("split:manage", "token"),
  "GET /api/v1/projects": global("project:read", "token"),
  "POST /api/v1/projects": global("project:manage", "token"),
  "GET /api/v1/projects/[projectId]": project("project:read", "token"),
  "PATCH /api/v1/projects/[projectId]": project("project:manage", "token"),
  "POST /api/v1/projects/[projectId]/members": project("project:manage", "token"),
  "POST /api/v1/projects/[projectId]/artifacts/[artifactId]/gold": project("project:manage", "token"),
  "POST /api/v1/projects/[projectId]/artifacts/[artifactId]/adjudication": project("adjudicate", "token"),
  "GET /api/v1/projects/[projectId]/splits": project("split:manage", "token"),
  "POST /api/v1/projects/[projectId]/splits": project("split:manage", "token"),
  "POST /api/v1/projects/[projectId]/splits/[version]/freeze": project("split:manage", "token"),
  "GET /api/v1/projects/[projectId]/calibration": project("rules:manage", "token"),
  "POST /api/v1/projects/[projectId]/calibration": project("rules:manage", "token"),
  "POST /api/v1/projects/[projectId]/rules": project("rules:manage", "token"),
  "GET /api/v1/projects/[projectId]/triage": project("rules:manage", "token"),
  "POST /api/v1/projects/[projectId]/triage": project("rules:manage", "token"),
  "GET /api/v1/projects/[projectId]/jobs/[jobId]": project("project:manage", "token"),
  "GET /api/v1/projects/[projectId]/disputes": project("adjudicate", "token"),
  "GET /api/v1/projects/[projectId]/webhooks": project("project:manage", "token"),
  "POST /api/v1/projects/[projectId]/webhooks": project("project:manage", "token"),
  "DELETE /api/v1/projects/[projectId]/webhooks/[endpointId]": project("project:manage", "token"),
  "GET /api/v1/projects/[projectId]/webhooks/deliveries": project("project:manage", "token"),
  "POST /api/v1/projects/[projectId]/webhooks/deliveries/[deliveryId]/redeliver": project("project:manage", "token"),
  "action /account/tokens#createTokenAction": global("tokens:own"),
  "action /account/tokens#revokeTokenAction": global("tokens:own"),
  "action /admin/accounts#changeRoleAction": global("accounts:manage"),
  "action /admin/accounts#createAccountAction": global("accounts:manage"),
  "action /admin/accounts#resetPasswordAction": global("accounts:manage"),
  "action /admin/accounts#setActiveAction": global("accounts:manage"),
  "action /projects/[projectId]/agreement#recomputeAgreementAction": project("stats:read"),
  "action /projects/[projectId]/calibration#recalibrateAction": project("rules:manage"),
  "action /projects/[projectId]/calibration#saveCalibratedRules": project("rules:manage"),
  "action /projects/[projectId]/dashboard#applyTriageAction": project("rules:manage"),
  "action /projects/[projectId]/items/[artifactId]#saveGold": project("project:manage"),
  "action /projects/[projectId]/settings#saveMembers": project("project:manage"),
  "action /projects/[projectId]/settings#savePromptTemplate": project("project:manage"),
  "action /projects/[projectId]/settings#saveSettings": project("project:manage"),
  "action /projects/[projectId]/settings#archiveAction": project("project:manage"),
  "action /projects/[projectId]/splits#createSplit": project("split:manage"),
  "action /projects/[projectId]/splits#startExport": project("split:manage"),
  "action /projects/[projectId]/webhooks#createWebhookAction": project("project:manage"),
  "action /projects/[projectId]/webhooks#deleteWebhookAction": project("project:manage"),
  "action /projects/[projectId]/webhooks#redeliverAction": project("project:manage"),
};

const baseURL = inject("baseURL");
const stamp = Date.now();

interface Principal {
  name: string;
  role: Role | null;
  member: boolean;
  cookie: string;
  token: string | null;
}
const principals: Principal[] = [];
let projectId = 0;
const artifactId = `a-matrix-${stamp}`;

beforeAll(async () => {
  const people = [
    { name: "annotator, assigned", role: "annotator", member: true },
    { name: "annotator, not assigned", role: "annotator", member: false },
    { name: "lead, member", role: "lead", member: true },
    { name: "lead, not a member", role: "lead", member: false },
    { name: "admin", role: "admin", member: false },
  ] as const;
  const password = "matrix-password-1";
  const hash = bcrypt.hashSync(password, 10);
  const now = new Date();
  const made = await serverDb().tx(async (t) => {
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "Project" ("name", "overlap", "goldRate", "createdAt", "updatedAt") VALUES (${`Matrix ${stamp}`}, 2, 0, ${now}, ${now}) RETURNING "id"`,
    );
    await t.exec(sql`INSERT INTO "SourceUser" ("projectId", "uid", "platform") VALUES (${id}, 'u', 'reddit')`);
    await t.exec(sql`INSERT INTO "Post" ("projectId", "id", "uid", "platform", "kind", "text") VALUES (${id}, 'p', 'u', 'reddit', 'comment', 'I ran today.')`);
    await t.exec(sql`INSERT INTO "Artifact" ("projectId", "id", "uid", "platform", "kind", "contentJson", "sourcePostIdsJson", "flags", "importedAt")
                     VALUES (${id}, ${artifactId}, 'u', 'reddit', 'persona', '{"text":"PersonA runs."}', '["p"]', 0, ${now})`);
    const accounts = [];
    for (const [i, p] of people.entries()) {
      const email = `matrix-${stamp}-${i}@example.org`;
      const { id: accountId } = await t.one(
        row({ id: col.int }),
        sql`INSERT INTO "Account" ("email", "role", "passwordHash", "createdAt") VALUES (${email}, ${p.role}, ${hash}, ${now}) RETURNING "id"`,
      );
      if (p.member) await t.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${id}, ${accountId}, ${now})`);
      const token = (await createApiToken({ accountId, name: "matrix", scope: "write" }, { actorLabel: "matrix" }, t)).secret;
      accounts.push({ ...p, accountId, email, token });
    }
    return { id, accounts };
  });
  projectId = made.id;
  principals.push({ name: "anonymous", role: null, member: false, cookie: "", token: null });
  for (const a of made.accounts) principals.push({ name: a.name, role: a.role, member: a.member, cookie: cookieHeader(await signIn(baseURL, a.email, password)), token: a.token });
});

const PARAMS: Record<string, () => string> = {
  projectId: () => String(projectId),
  artifactId: () => artifactId,
  runId: () => "1",
  name: () => "train.jsonl",
  exportId: () => "1",
  batchId: () => "1",
  version: () => "1",
  jobId: () => "split-1",
  endpointId: () => "1",
  deliveryId: () => "1",
  "...rest": () => "nothing/here",
  "...nextauth": () => "session",
};
const urlOf = (door: Door) => door.path.replace(/\[([^\]]+)\]/g, (_, p: string) => encodeURIComponent(PARAMS[p]?.() ?? "1"));

/** The server actions' ids, from the build the e2e server runs (`npm start` builds into .next). */
function actionIds(): Map<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  return new Map(Object.entries(manifest.node).map(([id, v]) => [`${v.filename}#${v.exportedName}`, id]));
}

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.edge") as { encodeReply: (v: unknown) => Promise<FormData | string> };

type Outcome = "login" | "unauthenticated" | "not_found" | "forbidden" | "passed";

/** What one principal meets at one door, classified. */
async function knock(door: Door, who: Principal, ids: Map<string, string>): Promise<{ outcome: Outcome; detail: string }> {
  const url = `${baseURL}${urlOf(door)}`;
  const rule = RULES[door.key];
  const viaToken = "via" in rule && rule.via === "token";
  const headers: Record<string, string> = viaToken ? (who.token ? { authorization: `Bearer ${who.token}` } : {}) : { cookie: who.cookie, origin: baseURL };
  if (door.kind === "action") {
    const id = ids.get(`${door.file}#${door.name}`);
    if (!id) throw new Error(`no built action for ${door.key}`);
    const form = new FormData();
    form.set("projectId", String(projectId));
    const res = await fetch(url, { method: "POST", headers: { ...headers, "Next-Action": id, Accept: "text/x-component" }, body: await encodeReply([undefined, form]) });
    const text = await res.text();
    const message = /"message":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? text.slice(0, 200);
    if (message.includes("session has ended")) return { outcome: "unauthenticated", detail: message };
    if (message === `Project ${projectId} does not exist.`) return { outcome: "not_found", detail: message };
    if (message.includes("may not do this")) return { outcome: "forbidden", detail: message };
    return { outcome: "passed", detail: message };
  }
  const init: RequestInit = { method: door.method, headers: { ...headers }, redirect: "manual" };
  if (door.method !== "GET") {
    (init.headers as Record<string, string>)["content-type"] = "application/json";
    init.body = "{}";
  }
  const res = await fetch(url, init);
  const location = res.headers.get("location");
  const body = await res.text();
  const detail = `${res.status} ${body.slice(0, 160)}`;
  if (location && new URL(location, baseURL).pathname === "/login") return { outcome: "login", detail };
  if (res.status === 401) return { outcome: "unauthenticated", detail };
  if (res.status === 403) return { outcome: "forbidden", detail };
  if (res.status === 404 && (door.kind === "page" || body.includes(`Project ${projectId} does not exist.`))) return { outcome: "not_found", detail };
  return { outcome: "passed", detail };
}

function expected(door: Door, who: Principal): Outcome[] {
  const rule = RULES[door.key];
  if ("public" in rule) return ["passed", "login"];
  if (!who.role) return door.kind === "page" ? ["login"] : ["unauthenticated"];
  if (rule.project && !who.member && !can(who.role, "project:all")) return ["not_found"];
  return can(who.role, rule.permission) ? ["passed"] : ["forbidden"];
}

describe("the door matrix", () => {
  it("knows every door the route files declare, and no door that is gone", () => {
    const doors = findDoors().map((d) => d.key);
    expect(
      doors.filter((k) => !(k in RULES)),
      "doors without a rule: add them to RULES",
    ).toEqual([]);
    expect(
      Object.keys(RULES).filter((k) => !doors.includes(k)),
      "rules for doors that no longer exist",
    ).toEqual([]);
    expect(doors.length).toBeGreaterThan(50);
  });

  it("lets each role in exactly where it may go: anonymous, annotators assigned and not, leads member and not, admins", { timeout: 600_000 }, async () => {
    const ids = actionIds();
    const wrong: string[] = [];
    let checked = 0;
    for (const door of findDoors()) {
      for (const who of principals) {
        const got = await knock(door, who, ids);
        const want = expected(door, who);
        checked++;
        if (!want.includes(got.outcome)) wrong.push(`${door.key} as ${who.name}: expected ${want.join(" or ")}, got ${got.outcome} (${got.detail})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
