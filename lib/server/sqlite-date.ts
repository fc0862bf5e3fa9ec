/** Dates are stored as Prisma's SQLite adapter writes them, so both sides read each other's rows. */
export function sqlDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}
