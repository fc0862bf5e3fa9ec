// GET/POST /api/auth/* - next-auth's sign-in, sign-out, session and CSRF endpoints; the credentials
// callback answers 429 with Retry-After while the login throttle holds the email or the address
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { readBody } from "@/lib/auth/request-checks";
import { clientAddress, loginRetryAfter } from "@/lib/server/auth/login-throttle";

const handler = NextAuth(authOptions);

const MAX_FORM_BYTES = 16 << 10;

async function POST(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  if (!new URL(req.url).pathname.endsWith("/callback/credentials")) return handler(req, ctx);
  const raw = await readBody(req, MAX_FORM_BYTES).catch(() => null);
  if (!raw) return Response.json({ error: "The sign-in form is over its size limit." }, { status: 413 });
  const form = new URLSearchParams(raw.toString("utf8"));
  const retryAfter = await loginRetryAfter({ email: form.get("email") ?? "", address: clientAddress(req.headers) });
  if (retryAfter > 0) {
    const url = new URL(`/login?error=locked&retryAfter=${retryAfter}`, req.url).toString();
    return Response.json({ url, error: "locked", retryAfterSeconds: retryAfter }, { status: 429, headers: { "Retry-After": String(retryAfter) } });
  }
  // next-auth reads the body itself: hand it a request with the bytes already read
  return handler(new NextRequest(req.url, { method: "POST", headers: req.headers, body: new Uint8Array(raw) }), ctx);
}

export { handler as GET, POST };
