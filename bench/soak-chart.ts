// The soak's p99 per minute as an SVG line chart (no dependency: a few paths and labels), with the
// faults marked where they happened, so a reader sees at a glance what each fault did to people.

export interface ChartSeries {
  name: string;
  color: string;
  /** one value per minute (ms), null where nothing was measured */
  values: (number | null)[];
}

export interface ChartMark {
  minute: number;
  label: string;
}

const W = 880;
const H = 360;
const PAD = { left: 64, right: 170, top: 28, bottom: 44 };

/** A y-axis maximum that is a round number at or above `max`. */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function p99Chart(title: string, series: ChartSeries[], marks: ChartMark[]): string {
  const minutes = Math.max(1, ...series.map((s) => s.values.length));
  const top = niceCeiling(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const x = (m: number) => PAD.left + ((W - PAD.left - PAD.right) * m) / Math.max(1, minutes - 1);
  const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * Math.min(v, top)) / top;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${PAD.left}" y="18" font-size="14" font-weight="bold">${escape(title)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)} ms</text>`);
  }
  const tick = Math.max(1, Math.ceil(minutes / 12));
  for (let m = 0; m < minutes; m += tick) out.push(`<text x="${x(m)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${m + 1}</text>`);
  out.push(`<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 8}" text-anchor="middle">minute</text>`);
  let previous = -Infinity;
  let shift = 0;
  for (const mark of marks) {
    const mx = x(Math.min(minutes - 1, mark.minute));
    // labels of faults close together go one below the other, not over each other
    shift = mx - previous < 14 ? shift + 1 : 0;
    previous = mx;
    const ly = PAD.top + 10 + shift * 120;
    out.push(`<line x1="${mx}" x2="${mx}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#9ca3af" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${mx + 3}" y="${ly}" font-size="10" fill="#6b7280" transform="rotate(90 ${mx + 3} ${ly})">${escape(mark.label)}</text>`);
  }
  series.forEach((s, i) => {
    let d = "";
    s.values.forEach((v, m) => {
      if (v === null) return;
      d += `${d === "" || s.values[m - 1] === null ? "M" : "L"}${x(m).toFixed(1)},${y(v).toFixed(1)}`;
    });
    if (d) out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    const ly = PAD.top + 16 + i * 18;
    out.push(`<line x1="${W - PAD.right + 14}" x2="${W - PAD.right + 34}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"/>`);
    out.push(`<text x="${W - PAD.right + 40}" y="${ly}">${escape(s.name)}</text>`);
  });
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

/** The soak report's chart: verdict and lead page p99 per minute, the faults marked. */
export function soakChart(title: string, minutes: { verdict: { p99: number | null }; lead: { p99: number | null } }[], faults: { minute: number; what: string }[]): string {
  const marks = faults
    .filter((f) => !/ back$|^cli import done/.test(f.what))
    .map((f) => ({ minute: f.minute - 0.5, label: f.what.replace(/^cli import of (\d+) lines started$/, "cli import of $1 lines") }));
  return p99Chart(
    title,
    [
      { name: "verdict p99", color: "#16a34a", values: minutes.map((m) => m.verdict.p99) },
      { name: "lead page p99", color: "#dc2626", values: minutes.map((m) => m.lead.p99) },
    ],
    marks,
  );
}
