const DAY_MS = 86_400_000;

/** The start of the day the browser sent, or of the UTC day when it sent none or one that is not within a day of now. */
export function startOfDay(now: Date, sent?: string): Date {
  const at = sent ? new Date(sent) : null;
  if (at && Math.abs(now.getTime() - at.getTime()) <= DAY_MS + 3_600_000 && at <= now) return at;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
