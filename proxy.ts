// Every page gets a Content-Security-Policy with a nonce of its own: Next reads it from the request's
// header and puts it on the inline scripts it streams; anything else that tries to run is refused.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./lib/security-headers";

export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // pages, not their static files, and never /api: Next buffers the body of every request the proxy
  // sees and passes on at most 10 MB of it, which would cut a batch upload short without a word (the
  // API's answers carry a fixed policy of their own, next.config.ts)
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }],
};
