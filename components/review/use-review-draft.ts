"use client";

import { useEffect, useState } from "react";
import type { ReasonCode } from "@/lib/domain/kinds";
import type { Mode } from "./verdict-bar";

export interface Draft {
  mode: Mode;
  reasons: ReasonCode[];
  comment: string;
  content: Record<string, unknown> | null;
}

const EMPTY: Draft = { mode: null, reasons: [], comment: "", content: null };

/** The verdict being prepared for one artifact, kept in localStorage so an edit survives a reload. */
export function useReviewDraft(projectId: number, artifactId: string | null) {
  const key = artifactId ? `review-draft:${projectId}:${artifactId}` : null;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  // localStorage exists only in the browser, after hydration: the saved draft is read in an effect
  /* eslint-disable react-hooks/set-state-in-effect */
  useEffect(() => {
    if (!key) return setDraft(EMPTY);
    try {
      const saved = window.localStorage.getItem(key);
      setDraft(saved ? { ...EMPTY, ...(JSON.parse(saved) as Draft) } : EMPTY);
    } catch {
      setDraft(EMPTY);
    }
  }, [key]);
  /* eslint-enable react-hooks/set-state-in-effect */
  const update = (change: Partial<Draft>) =>
    setDraft((d) => {
      const next = { ...d, ...change };
      if (key) window.localStorage.setItem(key, JSON.stringify(next));
      return next;
    });
  const clear = () => {
    if (key) window.localStorage.removeItem(key);
    setDraft(EMPTY);
  };
  return { draft, update, clear };
}
