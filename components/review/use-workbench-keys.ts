"use client";

import { useEffect, useRef, type RefObject } from "react";

export interface WorkbenchKeys {
  /** the help overlay is open: Escape or ? closes it, nothing else acts */
  help: boolean;
  closeHelp: () => void;
  /** Ctrl+Enter inside a text field */
  submit: () => void;
  /** what a key does outside text fields, if anything (modifier chords never act) */
  actionOf: (key: string) => (() => void) | undefined;
}

/**
 * The review and adjudication screens' keys, one way for both: help first, then text fields (Escape
 * leaves one, Ctrl+Enter submits), then the screen's own keys. Marks `root` with data-keys="ready"
 * once it listens: a key pressed before hydration would be lost.
 */
export function useWorkbenchKeys(root: RefObject<HTMLElement | null>, keys: WorkbenchKeys): void {
  // the latest handlers, read at key time: the listener is added once
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const { help, closeHelp, submit, actionOf } = latest.current;
      const typing = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement;
      if (help) {
        if (e.key === "Escape" || e.key === "?") closeHelp();
        return;
      }
      if (typing) {
        if (e.key === "Escape") (e.target as HTMLElement).blur();
        else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit();
        else return;
        e.preventDefault();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const action = actionOf(e.key);
      if (!action) return;
      e.preventDefault();
      action();
    }
    window.addEventListener("keydown", onKey);
    root.current?.setAttribute("data-keys", "ready");
    return () => window.removeEventListener("keydown", onKey);
  }, [root]);
}
