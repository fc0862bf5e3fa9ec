import type { Estimate } from "@/lib/domain/qc/binary-stats";
import { decimal } from "@/lib/domain/number-text";

/** "0.80 (0.49–0.94)", or why the number does not exist. */
export function EstimateText({ e, digits = 2 }: { e: Estimate; digits?: number }) {
  if (e.value === null)
    return (
      <span className="text-slate-500" title={e.reason}>
        not defined
      </span>
    );
  return (
    <span className="tabular-nums" title={`95% interval, ${e.n} labels`}>
      {decimal(e.value, digits)}{" "}
      <span className="text-xs text-slate-500">
        ({decimal(e.low, digits)}–{decimal(e.high, digits)})
      </span>
    </span>
  );
}
