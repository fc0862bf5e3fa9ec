import "server-only";
import fs from "node:fs";
import path from "node:path";
import { nestingProblem } from "../../../domain/json-depth";
import { describeJsonError } from "../../../validation/import-line";

/**
 * Product titles of an Amazon category (`file` under `dir`, raw_data/amazon_{category}_content.json:
 * product id → {title, ...}), when the file is there; a file that is not such an object is a problem.
 */
export function productTitles(dir: string, file: string, problem: (at: string, reason: string) => void): Map<string, string> {
  const titles = new Map<string, string>();
  if (!fs.existsSync(path.join(dir, file))) return titles;
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const deep = nestingProblem(text);
  if (deep) {
    problem(file, deep);
    return titles;
  }
  let all: unknown;
  try {
    all = JSON.parse(text);
  } catch (e) {
    problem(file, `not JSON (${describeJsonError(e, text, "file")})`);
    return titles;
  }
  if (typeof all !== "object" || all === null || Array.isArray(all)) {
    problem(file, "not a JSON object of products (product id: {title, ...})");
    return titles;
  }
  for (const [id, item] of Object.entries(all as Record<string, { title?: unknown } | null>)) if (typeof item?.title === "string" && item.title) titles.set(id, item.title);
  return titles;
}
