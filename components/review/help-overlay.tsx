"use client";

export const REVIEW_KEYS: [string, string][] = [
  ["a / e / r", "accept, edit, reject"],
  ["1 … 9, 0, -", "toggle a reason code"],
  ["Enter", "submit the verdict (Ctrl+Enter while typing)"],
  ["c", "write a comment"],
  ["Esc", "leave a text field; close this help"],
  ["s", "skip this artifact"],
  ["u", "undo your last verdict while its lease lasts"],
  ["j / k", "next / previous source post"],
  ["n / p", "next / previous artifact sentence (shows its support)"],
  ["t", "raw text or the pipeline's rewrite"],
  ["x", "replace a real name from the posts with the next free PersonX, everywhere (opens edit mode)"],
  ["d", "redact the next piece of personal data (opens edit mode)"],
  ["?", "this help"],
];

export function HelpOverlay({ onClose, keys = REVIEW_KEYS }: { onClose: () => void; keys?: [string, string][] }) {
  return (
    <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40" onClick={onClose}>
      <div className="w-full max-w-md rounded-lg bg-white p-6 shadow-xl" onClick={(e) => e.stopPropagation()}>
        <h2 className="text-lg font-semibold">Keyboard shortcuts</h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {keys.map(([k, v]) => (
            <div key={k} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{k}</kbd>
              </dt>
              <dd className="text-slate-700">{v}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={onClose} className="mt-4 rounded bg-indigo-600 px-3 py-1 text-sm text-white">
          Close
        </button>
      </div>
    </div>
  );
}
