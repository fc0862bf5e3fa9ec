import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { count, sql } from "../helpers/e2e-db";
import { cookieHeader, signIn } from "../helpers/http-auth";
import { API_MAX_UPLOAD_BYTES } from "../helpers/instances";

const baseURL = inject("baseURL");
const annotator = DEMO_ACCOUNTS.find((a) => a.role === "annotator")!;
/** The same host on another port: same site for cookies, another origin for everything else. */
const otherOrigin = `http://127.0.0.1:${Number(new URL(baseURL).port) + 1}`;

function leaseEvents(): Promise<number> {
  return count(sql`SELECT COUNT(*) FROM "Lease" WHERE "outcome" IS NOT NULL`);
}

describe("state-changing requests", () => {
  it("are refused from another origin (another port of the same host too) or without one, and from a form's text/plain post", async () => {
    const cookie = cookieHeader(await signIn(baseURL, annotator.email, annotator.password));
    const post = (path: string, headers: Record<string, string>, body: BodyInit) => fetch(`${baseURL}${path}`, { method: "POST", headers: { cookie, ...headers }, body });
    const started = await post("/api/review/1/next", { origin: baseURL, "content-type": "application/json" }, "{}");
    expect(started.status).toBe(200);
    const artifactId = ((await started.json()) as { item: { artifactId: string } }).item.artifactId;
    const before = await leaseEvents();

    const fromOtherPort = await post("/api/review/1/skip", { origin: otherOrigin, "content-type": "application/json" }, JSON.stringify({ artifactId }));
    expect(fromOtherPort.status).toBe(403);
    expect(((await fromOtherPort.json()) as { error: { message: string } }).error.message).toContain("another site");
    expect((await post("/api/review/1/skip", { "content-type": "application/json" }, JSON.stringify({ artifactId }))).status).toBe(403);
    const asForm = await post("/api/review/1/skip", { origin: baseURL, "content-type": "text/plain" }, JSON.stringify({ artifactId }));
    expect(asForm.status).toBe(415);
    const verdict = { verdict: { artifactId, decision: "accept", reasons: [] } };
    expect((await post("/api/review/1/verdict", { origin: otherOrigin, "content-type": "application/json" }, JSON.stringify(verdict))).status).toBe(403);
    expect(await leaseEvents()).toBe(before);

    // the same request from the app's own origin goes through
    expect((await post("/api/review/1/skip", { origin: baseURL, "content-type": "application/json" }, JSON.stringify({ artifactId }))).status).toBe(200);
    expect(await leaseEvents()).toBe(before + 1);
  });
});

describe("request bodies", () => {
  it("are cut off at the limit as their bytes arrive, whatever Content-Length says or when it is absent", async () => {
    const cookie = cookieHeader(await signIn(baseURL, annotator.email, annotator.password));
    const fiveMegabytes = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode(`{"pad":"${"x".repeat(1 << 16)}`);
        for (let sent = 0; sent < 5 << 20; sent += chunk.byteLength) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const chunked = await fetch(`${baseURL}/api/review/1/next`, {
      method: "POST",
      headers: { cookie, origin: baseURL, "content-type": "application/json" },
      body: fiveMegabytes,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("of the upload page are counted too: a chunked batch past the upload limit is refused and creates nothing", async () => {
    const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
    const cookie = cookieHeader(await signIn(baseURL, lead.email, lead.password));
    const line = new TextEncoder().encode(`${JSON.stringify({ type: "user", uid: "u", platform: "reddit", meta: { pad: "x".repeat(1000) } })}\n`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent <= API_MAX_UPLOAD_BYTES + line.byteLength; sent += line.byteLength) controller.enqueue(line);
        controller.close();
      },
    });
    const name = `over the limit ${Date.now()}`;
    // the server answers 413 and stops reading, so the client may see its connection reset instead while still sending
    const status = await fetch(`${baseURL}/api/imports?project=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { cookie, origin: baseURL, "content-type": "application/x-ndjson" },
      body,
      duplex: "half",
    } as RequestInit).then(
      (res) => res.status,
      (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
    );
    expect([413, "ECONNRESET", "EPIPE"]).toContain(status);
    expect(await count(sql`SELECT COUNT(*) FROM "Project" WHERE "name" = ${name}`)).toBe(0);
  });
});
