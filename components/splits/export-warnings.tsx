/** What came out, or will come out, empty or lopsided; nothing when all is well. */
export function ExportWarnings({ warnings, when }: { warnings: string[]; when: "before" | "after" }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-amber-800" data-testid={`export-warnings-${when}`}>
      {warnings.map((w) => (
        <li key={w}>⚠ {w}</li>
      ))}
    </ul>
  );
}
