export default function Loading() {
  return <p className="animate-pulse text-slate-500">Loading…</p>;
}
