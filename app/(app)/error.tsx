"use client";

export default function AppError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 p-6">
      <h2 className="font-semibold text-red-800">Something went wrong on our side.</h2>
      <p className="mt-1 text-sm text-red-700">The error was logged. Nothing you entered was lost; try again.</p>
      <button type="button" onClick={reset} className="mt-3 rounded bg-red-700 px-3 py-1 text-sm text-white">
        Try again
      </button>
    </div>
  );
}
