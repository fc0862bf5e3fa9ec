import "server-only";
import fs from "node:fs";
import path from "node:path";

export interface OutsideLink {
  /** the link's path relative to the directory, with / between folders */
  at: string;
  reason: string;
}

/**
 * The symbolic links under `dir` that lead out of it (their real path, the whole chain of links
 * resolved, is not inside `dir`'s real path) or nowhere (broken, or a loop), in name order, up to
 * `limit`. Links that stay inside are left to be followed: what they lead to is inside `dir` anyway,
 * and is walked where it really is.
 */
export function linksOutside(dir: string, limit: number): OutsideLink[] {
  const root = fs.realpathSync(dir);
  const inside = (p: string) => p === root || p.startsWith(root + path.sep);
  const found: OutsideLink[] = [];
  const walk = (rel: string) => {
    const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (found.length >= limit) return;
      const at = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(root, at);
      if (e.isSymbolicLink()) {
        let real: string | null = null;
        try {
          real = fs.realpathSync(full);
        } catch {
          // broken or a loop: judged by where it points
        }
        if (real !== null && inside(real)) continue;
        const target = path.resolve(path.dirname(full), fs.readlinkSync(full));
        found.push({ at, reason: real === null && inside(target) ? "is a link to nothing (broken, or a loop)" : "links outside the folder" });
      } else if (e.isDirectory()) walk(at);
    }
  };
  walk("");
  return found;
}
