import type { RecordedAdjudication } from "@/lib/views/adjudication";
import { timeText } from "@/lib/domain/time-text";

const SAID = { accept: "accepted as it was", edit: "accepted with an edit", reject: "rejected" } as Record<string, string>;

/** Names what the lead just recorded, read back from the database. */
export function RecordedNotice({ recorded }: { recorded: RecordedAdjudication }) {
  return (
    <p role="status" data-testid="recorded" className="mb-3 rounded bg-emerald-50 px-3 py-1.5 text-sm text-emerald-800">
      Recorded: {recorded.artifactId} {SAID[recorded.decision] ?? recorded.decision}
      {recorded.reasons.length ? ` (${recorded.reasons.join(", ")})` : ""} by {recorded.lead} at {timeText(recorded.createdAt)} UTC. It is final.
    </p>
  );
}
