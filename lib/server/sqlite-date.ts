const UTC_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const UTC_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Dates are stored as Prisma's SQLite adapter writes them, so both sides read each other's rows. */
export function sqlDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

/** sqlDate of an ISO 8601 string, without a Date round trip for the common UTC forms. */
export function sqlDateOf(iso: string): string {
  if (UTC_MILLIS.test(iso)) return `${iso.slice(0, 23)}+00:00`;
  if (UTC_SECONDS.test(iso)) return `${iso.slice(0, 19)}.000+00:00`;
  return sqlDate(new Date(iso));
}
