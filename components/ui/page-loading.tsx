/** What a page shows while a slow part of it loads; the page's heading and guard came first. */
export function PageLoading({ what }: { what: string }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-10 text-slate-600" data-testid="page-loading">
      <span className="h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" aria-hidden />
      {what}…
    </div>
  );
}
