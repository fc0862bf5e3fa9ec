/** Signing in over plain HTTP, as a script or an attacker would: next-auth's CSRF token, then the credentials callback. */

/** Cookies from a response's Set-Cookie headers, merged into a jar (name -> value). */
export function keepCookies(jar: Map<string, string>, res: Response): Map<string, string> {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    if (value === "" || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export async function csrfToken(baseURL: string, jar: Map<string, string>): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/csrf`, { headers: { cookie: cookieHeader(jar) } });
  keepCookies(jar, res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Posts the credentials; returns the raw response (status, Retry-After) and the jar with whatever cookies it set. */
export async function postCredentials(baseURL: string, email: string, password: string, jar = new Map<string, string>()) {
  const token = await csrfToken(baseURL, jar);
  const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin: baseURL },
    body: new URLSearchParams({ csrfToken: token, email, password, json: "true" }),
  });
  keepCookies(jar, res);
  return { res, jar };
}

/** Signs in and returns the cookie jar holding the session token; throws if no session came back. */
export async function signIn(baseURL: string, email: string, password: string): Promise<Map<string, string>> {
  const { res, jar } = await postCredentials(baseURL, email, password);
  if (!jar.has("next-auth.session-token")) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return jar;
}

export async function signOut(baseURL: string, jar: Map<string, string>): Promise<void> {
  const token = await csrfToken(baseURL, jar);
  const res = await fetch(`${baseURL}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin: baseURL },
    body: new URLSearchParams({ csrfToken: token, json: "true" }),
  });
  keepCookies(jar, res);
}

/** What /api/auth/session says of these cookies: the user's email, or null. */
export async function sessionEmail(baseURL: string, cookie: string): Promise<string | null> {
  const res = await fetch(`${baseURL}/api/auth/session`, { headers: { cookie } });
  const body = (await res.json()) as { user?: { email?: string } };
  return body.user?.email ?? null;
}
