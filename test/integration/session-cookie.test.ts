import NextAuth from "next-auth";
import type { NextAuthOptions } from "next-auth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeAccount } from "../helpers/factories";

// next-auth's own handler with the app's options (called the way a pages-router API route calls
// it, which needs no Next request context): the cookies it sets on sign-in and what
// /api/auth/session tells the browser.

type Answer = { status: number; body: unknown; cookies: { name: string; value: string; line: string }[] };

async function handle(action: string[], req: { method: string; body?: Record<string, string>; cookies?: Record<string, string> }, options: NextAuthOptions): Promise<Answer> {
  const headers: Record<string, string | string[]> = {};
  let status = 200;
  let body: unknown;
  const res = {
    status: (s: number) => ((status = s), res),
    setHeader: (k: string, v: string | string[]) => ((headers[k.toLowerCase()] = v), res),
    getHeader: (k: string) => headers[k.toLowerCase()],
    json: (b: unknown) => void (body = b),
    send: (b: unknown) => void (body = b),
    end: () => undefined,
  };
  await NextAuth({ query: { nextauth: action }, headers: { host: "localhost" }, cookies: {}, ...req } as never, res as never, options);
  const lines = ([] as string[]).concat(headers["set-cookie"] ?? []);
  const cookies = lines.map((line) => {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: decodeURIComponent(pair.slice(at + 1)), line };
  });
  return { status, body, cookies };
}
const jar = (cookies: Answer["cookies"]) => Object.fromEntries(cookies.map((c) => [c.name, c.value]));

const publicUrl = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (publicUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = publicUrl;
});

/** The app's next-auth options as a server started with NEXTAUTH_URL=url has them. */
async function optionsFor(url: string): Promise<NextAuthOptions> {
  process.env.NEXTAUTH_URL = url;
  vi.resetModules(); // lib/env reads the environment once, as the server does at start-up
  return (await import("@/lib/auth/options")).authOptions;
}

/** Signs in over next-auth's CSRF and credentials endpoints, as the app is addressed at `url`. */
async function signIn(url: string) {
  const options = await optionsFor(url);
  const a = await makeAccount("lead");
  const csrf = await handle(["csrf"], { method: "GET" }, options);
  const { csrfToken } = csrf.body as { csrfToken: string };
  const signedIn = await handle(["callback", "credentials"], { method: "POST", body: { csrfToken, email: a.email, password: a.password, json: "true" }, cookies: jar(csrf.cookies) }, options);
  const session = signedIn.cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`no session cookie: ${JSON.stringify(signedIn)}`);
  return { account: a, csrf: csrf.cookies, session, options };
}

describe("the session cookie", () => {
  it("is Secure (and __Secure- named) whenever the public URL is https", async () => {
    const { account, session, csrf, options } = await signIn("https://workbench.example.org");
    expect(session.name).toBe("__Secure-next-auth.session-token");
    expect(session.line).toMatch(/; Secure/);
    expect(session.line).toMatch(/; HttpOnly/);
    expect(csrf.every((c) => /; Secure/.test(c.line))).toBe(true);
    // and the app reads its session back under that name
    const answer = await handle(["session"], { method: "GET", cookies: { [session.name]: session.value } }, options);
    expect(answer.body).toMatchObject({ user: { email: account.email } });
  });

  it("is not Secure on a plain-http address (npm start on localhost), where a browser would drop a Secure cookie", async () => {
    const { session } = await signIn("http://localhost:3000");
    expect(session.name).toBe("next-auth.session-token");
    expect(session.line).not.toMatch(/Secure/);
  });
});

describe("the session the browser reads", () => {
  it("names the account and its role, never the server-side session's id", async () => {
    const { account, session, options } = await signIn("http://localhost:3000");
    const answer = await handle(["session"], { method: "GET", cookies: { [session.name]: session.value } }, options);
    const body = answer.body as { user?: Record<string, unknown> };
    expect(body.user).toMatchObject({ email: account.email, role: "lead" });
    expect(Object.keys(body.user!).sort()).toEqual(["email", "id", "name", "role"]);
    expect(JSON.stringify(body)).not.toMatch(/sid/);
  });

  it("keeps the session's id only inside the encrypted token: the cookie's text does not show it", async () => {
    const { session } = await signIn("http://localhost:3000");
    // a JWE: five base64url parts, the payload encrypted (a signed-only JWT would have three, readable)
    expect(session.value.split(".")).toHaveLength(5);
    const readable = session.value
      .split(".")
      .map((p) => Buffer.from(p, "base64url").toString("utf8"))
      .join(" ");
    expect(readable).not.toMatch(/sid|uid|lead/);
  });
});
