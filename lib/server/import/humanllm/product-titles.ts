import "server-only";
import fs from "node:fs";
import path from "node:path";
import { JsonMembers } from "../../../domain/humanllm/json-members";
import { nestingProblem } from "../../../domain/json-depth";

/**
 * Product titles of an Amazon category (`file` under `dir`, raw_data/amazon_{category}_content.json:
 * product id → {title, ...}), when the file is there. The file is one JSON object of every product's
 * metadata, as large as the category: it is read a piece at a time, one product held at once, and
 * only the titles kept. A file that is not such an object is a problem.
 */
export async function productTitles(dir: string, file: string, problem: (at: string, reason: string) => void): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  if (!fs.existsSync(path.join(dir, file))) return titles;
  const members = new JsonMembers();
  let read = 0;
  const take = (member: string): boolean => {
    const deep = nestingProblem(member);
    if (deep) {
      problem(file, deep);
      return false;
    }
    let entry: unknown;
    try {
      entry = JSON.parse(`{${member}}`);
    } catch {
      problem(file, `the entry of product number ${read + 1} is not JSON`);
      return false;
    }
    for (const [id, item] of Object.entries(entry as Record<string, { title?: unknown } | null>)) if (typeof item?.title === "string" && item.title) titles.set(id, item.title);
    read++;
    return true;
  };
  for await (const piece of fs.createReadStream(path.join(dir, file), { encoding: "utf8", highWaterMark: 1 << 20 })) {
    for (const member of members.push(piece as string)) if (!take(member)) return titles;
    if (members.problem) break;
  }
  members.end();
  if (members.problem) problem(file, `not a JSON object of products (product id: {title, ...}): ${members.problem}`);
  return titles;
}
