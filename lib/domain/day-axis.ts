const DAY_MS = 86_400_000;

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * A time axis over days ("2026-11-03"): where each day falls, counted from the first, so a chart
 * places bars by date (a week without verdicts is a gap, not nothing), and a few evenly spaced
 * dates to label it with.
 */
export function dayAxis(days: readonly string[], maxTicks = 6): { span: number; offset: (day: string) => number; ticks: { day: string; offset: number }[] } {
  if (days.length === 0) return { span: 1, offset: () => 0, ticks: [] };
  const numbers = days.map(dayNumber);
  const first = Math.min(...numbers);
  const span = Math.max(...numbers) - first + 1;
  const offset = (day: string) => dayNumber(day) - first;
  const every = Math.max(1, Math.ceil(span / maxTicks));
  const ticks: { day: string; offset: number }[] = [];
  for (let i = 0; i < span; i += every) ticks.push({ day: new Date((first + i) * DAY_MS).toISOString().slice(0, 10), offset: i });
  return { span, offset, ticks };
}
