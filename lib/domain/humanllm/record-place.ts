import { LAYOUTS } from "./stages";
import type { Platform } from "../kinds";

/**
 * Where in the pipeline's files a record of a converted batch came from, read off the record itself:
 * an artifact's `source` (its stage file and line, without its judge's), a post's `meta.source`, a
 * user's posts file (from its key: `reddit:1001` is reddit/clean_data/1001.json). A batch line's
 * place needs no table kept beside the batch, whatever its size.
 */
export function placeOfRecord(record: unknown): string | null {
  if (typeof record !== "object" || record === null) return null;
  const r = record as { type?: unknown; source?: unknown; meta?: { source?: unknown }; uid?: unknown; platform?: unknown };
  if (r.type === "artifact" && typeof r.source === "string") return r.source.replace(/ \(judge: .*\)$/, "");
  if (r.type === "post" && typeof r.meta?.source === "string") return r.meta.source;
  if (r.type === "user" && typeof r.uid === "string" && typeof r.platform === "string" && r.platform in LAYOUTS) {
    const layout = LAYOUTS[r.platform as Platform];
    const rest = r.uid.slice(r.platform.length + 1);
    return `${r.platform}/${layout.posts}/${rest}.${layout.format === "csv" ? "csv" : "json"}`;
  }
  return null;
}
