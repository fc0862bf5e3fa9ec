/** The Monday (UTC) of the week a date falls in, as YYYY-MM-DD: the key of weekly slices. */
export function weekStart(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
