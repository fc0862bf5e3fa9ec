"use client";

import { useRouter } from "next/navigation";
import { useEffect, startTransition } from "react";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_DIGEST } from "@/lib/errors";

/**
 * What a page that failed shows (the error boundaries of app/): a database that went away says so
 * and tries again by itself every few seconds; anything else is our failure, logged, with a button
 * to try again and the reference the log has it under.
 */
export function FailureNotice({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const databaseAway = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  useEffect(() => {
    if (!databaseAway) return;
    const timer = setInterval(retry, DATABASE_RETRY_AFTER_SECONDS * 1000);
    return () => clearInterval(timer);
  });
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 p-6">
      <h2 className="font-semibold text-red-800">{databaseAway ? "The database is unavailable" : "Something went wrong on our side."}</h2>
      <p className="mt-1 text-sm text-red-700">
        {databaseAway ? `${DATABASE_UNAVAILABLE} This page tries again by itself every ${DATABASE_RETRY_AFTER_SECONDS} seconds.` : "The error was logged. Nothing you entered was lost; try again."}
      </p>
      <button type="button" onClick={retry} className="mt-3 rounded bg-red-700 px-3 py-1 text-sm text-white">
        Try again
      </button>
      {!databaseAway && error.digest ? <p className="mt-2 text-xs text-red-700">Reference for the administrator: {error.digest}</p> : null}
    </div>
  );
}
