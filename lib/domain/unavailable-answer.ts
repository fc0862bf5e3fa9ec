// What the web server answers while the database is away (scripts/serve.ts): 503 with Retry-After
// at once, not a 500 from a page halfway through or a request that hangs. The API gets its error
// shape; a person gets a page that says what happened and reloads itself until the database is back.

export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function unavailableAnswer(pathname: string, message: string, retryAfterSeconds: number): PlainAnswer {
  const headers = { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" };
  if (pathname.startsWith("/api/")) {
    return { status: 503, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify({ error: { code: "unavailable", message } }) };
  }
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${retryAfterSeconds}"><title>Database unavailable · HumanLLM Review Workbench</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.25rem}p{line-height:1.5}</style></head>
<body><main role="alert"><h1>The database is unavailable</h1>
<p>${escapeHtml(message)}</p>
<p>The workbench is reconnecting. This page reloads by itself every ${retryAfterSeconds} seconds; everything the workbench confirmed before is kept.</p></main></body></html>
`;
  return { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" }, body };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
