import fs from "node:fs";
import path from "node:path";

/**
 * Every door of the app, read from the route files themselves: each page.tsx, each method a
 * route.ts exports, each server action an actions.ts exports. A new file is a new door, and the
 * door matrix test fails until it says who may pass it.
 */
export interface Door {
  key: string;
  kind: "page" | "route" | "action";
  /** the URL template, route groups removed: /projects/[projectId]/items */
  path: string;
  method: string;
  /** for actions: the export's name */
  name?: string;
  file: string;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function urlOf(root: string, file: string): string {
  const segments = path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

export function findDoors(appDir = path.resolve("app")): Door[] {
  const doors: Door[] = [];
  for (const file of walk(appDir)) {
    const base = path.basename(file);
    const url = urlOf(appDir, file);
    const rel = path.relative(path.dirname(appDir), file);
    if (base === "page.tsx") doors.push({ key: `page ${url}`, kind: "page", path: url, method: "GET", file: rel });
    if (base === "route.ts") {
      const text = fs.readFileSync(file, "utf8");
      const found = new Set<string>();
      for (const m of text.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) found.add(m[1]);
      for (const m of text.matchAll(/export\s*\{([^}]*)\}/g))
        for (const part of m[1].split(",")) {
          const name = part
            .trim()
            .split(/\s+as\s+/)
            .pop()!;
          if (METHODS.includes(name)) found.add(name);
        }
      for (const method of found) doors.push({ key: `${method} ${url}`, kind: "route", path: url, method, file: rel });
    }
    if (base === "actions.ts") {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/export\s+const\s+(\w+)\s*=/g)) doors.push({ key: `action ${url}#${m[1]}`, kind: "action", path: url, method: "POST", name: m[1], file: rel });
    }
  }
  return doors.sort((a, b) => a.key.localeCompare(b.key));
}
