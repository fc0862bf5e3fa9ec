"use client";
import { useState } from "react";

/** Something shown once (a password, an API token): selectable, with a copy button. */
export function SecretBox({ secret }: { secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-1 flex items-center gap-2">
      <code className="rounded border border-amber-300 bg-amber-50 px-2 py-1 font-mono text-sm select-all" data-testid="secret">
        {secret}
      </code>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
        onClick={() =>
          navigator.clipboard?.writeText(secret).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}
