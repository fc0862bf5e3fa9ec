// Shown at once while a page's data loads (a project's dashboard or agreement can take seconds on a large project).
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-10 text-slate-600" data-testid="page-loading">
      <span className="h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" aria-hidden />
      Loading…
    </div>
  );
}
