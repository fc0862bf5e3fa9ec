/** The media type of each file an export writes, by extension: what the download serves. */
export const EXPORT_FILE_TYPES = {
  jsonl: "application/x-ndjson",
  json: "application/json",
  md: "text/markdown; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8",
} as const;

/** The media type an export file is served as. */
export function exportFileType(name: string): string {
  const ext = name.slice(name.lastIndexOf(".") + 1);
  return (EXPORT_FILE_TYPES as Record<string, string>)[ext] ?? "application/octet-stream";
}
