import "server-only";
import { judgeScoresFor } from "../../../domain/humanllm/outputs";
import type { Stage } from "../../../domain/humanllm/stages";
import { metricsFor, type JudgeMetric } from "../../../domain/kinds";

/**
 * The judge's scores as the pipeline's SFT step reads them, kept to the stage's metrics exactly as
 * spelled; `outOfRange` when one of them is off the rubric's 1-10 scale (kept as given), `tooLarge`
 * when one is past the database's integer (left out).
 */
export function judgeOf(stage: Stage, model: string, answer: unknown): { judge: { model?: string; scores: Partial<Record<JudgeMetric, number>> } | null; outOfRange: boolean; tooLarge: boolean } {
  const metrics = metricsFor(stage.kind, stage.flavor);
  const read = metrics.length ? judgeScoresFor(answer, metrics) : null;
  if (!read) return { judge: null, outOfRange: false, tooLarge: false };
  const judge = Object.keys(read.scores).length ? { ...(model ? { model } : {}), scores: read.scores } : null;
  return { judge, outOfRange: read.outOfRange.length > 0, tooLarge: read.tooLarge.length > 0 };
}
