/**
 * How the workbench shows a stored time (ISO 8601 in UTC, as the data layer hands it out): to the
 * day ("2026-12-01"), the minute ("2026-12-01 04:47", the default) or the second. One format
 * everywhere, in UTC like the data, so that what a page, the CLI and an export say agree.
 */
export function timeText(iso: string, precision: "day" | "minute" | "second" = "minute"): string {
  const length = { day: 10, minute: 16, second: 19 }[precision];
  return iso.slice(0, length).replace("T", " ");
}

/** A time left as "m:ss", or "h:mm:ss" past an hour; never negative. */
export function countdownText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}
