// npm run bench -- agreement [--verdicts N] [--resamples R]
//   N ratings (default 1,000,000) of a seeded synthetic project: 20 annotators, two or three of them
//   on each item, three labels with per-annotator error rates. Times the encoding and the four
//   statistics without a bootstrap, then all four with an R-resample bootstrap (default 1,000) on shared resamples.
import { bootstrapIntervals, pairableUnits } from "../lib/domain/agreement/bootstrap";
import { reliabilityData, type Rating } from "../lib/domain/agreement/reliability-data";
import { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement } from "../lib/domain/agreement/statistics";
import { Rng } from "../lib/domain/rng";
import { machine } from "./load-project";

const LABELS = ["accept", "edit", "reject"];

function* ratings(n: number): Generator<Rating> {
  const rng = new Rng("bench-agreement");
  let made = 0;
  for (let item = 0; made < n; item++) {
    const truth = LABELS[rng.next() < 0.6 ? 0 : rng.next() < 0.5 ? 1 : 2];
    const first = rng.int(0, 19);
    for (let k = 0; k < (item % 4 === 0 ? 3 : 2) && made < n; k++, made++) {
      const annotator = (first + k * 7) % 20;
      yield { item: `a-${item}`, annotator: `annotator${annotator}@example.org`, label: rng.next() < 0.05 + annotator * 0.01 ? rng.pick(LABELS) : truth };
    }
  }
}

const time = <T>(f: () => T): [T, number] => {
  const started = performance.now();
  const value = f();
  return [value, +((performance.now() - started) / 1000).toFixed(2)];
};

export function benchAgreement(n: number, resamples: number) {
  const all = [...ratings(n)];
  const [d, encodeSeconds] = time(() => reliabilityData(all));
  const pair = [0, 1] as const;
  const [stats, statisticsSeconds] = time(() => ({
    percentAgreement: percentAgreement(d).value,
    fleissKappa: fleissKappa(d).value,
    krippendorffAlpha: krippendorffAlpha(d).value,
    cohenKappaOfOnePair: cohenKappa(d, ...pair).value,
  }));
  const units = pairableUnits(d);
  const cohen = (x: typeof d, w: Uint32Array) => cohenKappa(x, ...pair, w);
  const [intervals, bootstrapSeconds] = time(() => bootstrapIntervals(d, { percentAgreement, fleissKappa, krippendorffAlpha, cohen }, { resamples, units, raters: pair }));
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString().slice(0, 10),
        machine: machine(),
        ratings: all.length,
        items: d.units.length,
        annotators: d.annotators.length,
        encodeSeconds,
        statisticsSeconds,
        stats,
        resamples,
        bootstrapSeconds,
        intervals,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        targets: { withoutBootstrapSeconds: 2, withBootstrapSeconds: 20 },
      },
      null,
      2,
    ),
  );
}
