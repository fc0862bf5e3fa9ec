import { decimal } from "@/lib/domain/number-text";
/** Agreement values as people read them: three decimals, a minus sign, "–" for nothing. */
export const fixed = (x: number | null | undefined) => (x === null || x === undefined ? "–" : decimal(x, 3));

/** A share as a whole percentage. */
export const percent = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${Math.round(x * 100)}%`);

/**
 * A background for an agreement value from -1 to 1, by Landis and Koch's bands: red below 0.2,
 * amber to 0.4, yellow to 0.6, then greens.
 */
export function agreementColor(x: number | null): string {
  if (x === null) return "bg-slate-100 text-slate-500";
  if (x < 0.2) return "bg-rose-200 text-rose-950";
  if (x < 0.4) return "bg-amber-200 text-amber-950";
  if (x < 0.6) return "bg-yellow-100 text-yellow-950";
  if (x < 0.8) return "bg-emerald-200 text-emerald-950";
  return "bg-emerald-400 text-emerald-950";
}
