/**
 * The headers every response carries (next.config.js sets the static ones on every path; proxy.ts
 * adds the Content-Security-Policy with a fresh nonce to each page, and the API's answers carry
 * API_SECURITY_HEADERS instead: the proxy never sees /api, whose request bodies it would cut at 10 MB).
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * The page's policy: scripts only from this origin and with this request's nonce (Next puts it on
 * its own inline scripts); no plugins, no framing, forms and requests to this origin only. Styles
 * may be inline (React style attributes); a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The API's answers are data (JSON, export files), never a page to run: nothing may load or run
 * from them. (next-auth's own pages under /api/auth keep their inline styles and their forms.)
 */
export const API_SECURITY_HEADERS = [{ key: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'" }];
