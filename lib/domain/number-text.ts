/**
 * A number to `digits` decimals as people read it: a real minus sign, and never "-0.0" for a value
 * that rounds to zero.
 */
export function decimal(x: number, digits: number): string {
  const text = x.toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return text.replace("-", "−");
}
