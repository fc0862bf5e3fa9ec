import { REASON_CODES, type ReasonCode } from "@/lib/domain/kinds";

/** The key that toggles each reason: 1-9 for the first nine, 0 and - for the last two. */
export const REASON_KEYS: Record<string, ReasonCode> = Object.fromEntries(REASON_CODES.map((r, i) => [i < 9 ? String(i + 1) : i === 9 ? "0" : "-", r]));

export const KEY_OF_REASON = Object.fromEntries(Object.entries(REASON_KEYS).map(([k, r]) => [r, k])) as Record<ReasonCode, string>;
