import type { Rng } from "./rng";

// ln k! exactly (a running sum) up to SMALL, Stirling's series beyond (error below 1e-15 there)
const SMALL = 256;
const LOG_FACTORIAL = new Float64Array(SMALL);
for (let k = 1; k < SMALL; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export function logFactorial(k: number): number {
  if (k < SMALL) return LOG_FACTORIAL[k];
  const k2 = k * k;
  return k * Math.log(k) - k + 0.5 * Math.log(k) + HALF_LOG_2PI + (1 / 12 - (1 / 360 - 1 / (1260 * k2)) / k2) / k;
}

/**
 * A binomial draw: successes in n trials of probability p, exactly distributed. Inversion when few
 * successes are expected (n·p < 10), else Hörmann's transformed rejection with squeeze (BTRS, "The
 * generation of binomial random variates", 1993), a handful of uniforms whatever n is.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  if (n * p < 10) return inversion(rng, n, p);
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / (1 - p));
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (Math.log((v * alpha) / (a / (us * us) + b)) <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

// walks the probabilities 0, 1, 2, ... successes until the uniform is used up
function inversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  for (;;) {
    let r = Math.pow(q, n);
    let u = rng.next();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break; // rounding left a sliver of probability past n: draw again
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

/**
 * Adds to `counts` a multinomial draw of n items over categories of the given sizes (probability
 * proportional to size): what n uniform draws of one member each would count per category, in
 * one binomial per category instead of n draws.
 */
export function multinomial(rng: Rng, n: number, sizes: ArrayLike<number>, counts: Uint32Array): void {
  let left = n;
  let rest = 0;
  for (let g = 0; g < sizes.length; g++) rest += sizes[g];
  for (let g = 0; g < sizes.length && left > 0; g++) {
    const x = g === sizes.length - 1 ? left : binomial(rng, left, sizes[g] / rest);
    counts[g] += x;
    left -= x;
    rest -= sizes[g];
  }
}
