/**
 * Where to send someone after signing in: only a path of this site. The candidate is resolved the
 * way a browser resolves it (WHATWG URL: backslashes become slashes, tabs and newlines vanish), so
 * "/\host", "/%09/host" once decoded, or "//host" cannot leave the site; the resolved path is what
 * is used, so what was checked is what the browser gets.
 */
const BASE = "http://workbench.invalid";

export function safeCallbackPath(raw: unknown): string {
  if (typeof raw !== "string" || !raw.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // a path that itself starts with // or /\ would name another host to whoever resolves it next
  return /^\/[/\\]/.test(path) ? "/" : path;
}

/** next-auth's redirect callback: an absolute URL of this site or a safe path, else the site's root. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  const candidate = url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
  return `${origin}${safeCallbackPath(candidate)}`;
}
