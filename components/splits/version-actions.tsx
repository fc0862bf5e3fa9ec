"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { timeText } from "@/lib/domain/time-text";
import type { ExportRunInfo } from "@/lib/views/splits";
import { ConfirmForm } from "../ui/confirm-form";
import { progressText } from "../ui/job-progress";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

/** What the run a button started is doing now: the message follows it to its end. */
export function runMessage(run: ExportRunInfo): string {
  const what = `${run.action === "freeze" ? "Freeze" : "Export"} of v${run.version}`;
  if (run.status === "succeeded") return `${what} finished ${timeText(run.finishedAt ?? run.createdAt)}: ${run.files.length + run.extras.length} files to download below.`;
  if (run.status === "failed") return `${what} failed: ${run.error ?? "see below"}`;
  if (run.stalled) return `${what} stopped responding; start it again.`;
  if (run.waiting) return `${what} queued, waiting for a worker…`;
  return `${what} running: ${progressText(run, "records")}…`;
}

/** Export a version, or freeze it after saying plainly that freezing cannot be undone. `latest` is the version's newest run. */
export function VersionActions({ projectId, version, frozen, action, latest }: { projectId: number; version: number; frozen: boolean; action: Action; latest?: ExportRunInfo }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  // once a run was requested, the page's refreshes bring its state: the message says what it does now
  const message = state?.ok && latest ? runMessage(latest) : state?.message;
  const tone =
    state?.ok && latest
      ? latest.status === "failed" || latest.stalled
        ? "text-rose-700"
        : latest.status === "succeeded"
          ? "text-emerald-700"
          : "text-slate-700"
      : state?.ok
        ? "text-emerald-700"
        : "text-rose-700";
  const hidden = (
    <>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  return (
    <div className="space-y-1 text-sm">
      <div className="flex flex-wrap gap-2">
        <form action={formAction}>
          {hidden}
          <input type="hidden" name="action" value="export" />
          <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-50">
            Export v{version}
          </button>
        </form>
        {!frozen && (
          <ConfirmForm trigger={`Freeze v${version}…`} confirm={`Freeze version ${version}`} action={formAction} pending={pending}>
            {hidden}
            <input type="hidden" name="action" value="freeze" />
            <p>
              Freezing is permanent: version {version} will never change again, its test users stay in test in every later version, and every export of it must match the manifest written now. Later
              verdicts and edits go to the next version.
            </p>
          </ConfirmForm>
        )}
      </div>
      {message && (
        <p role="status" className={tone} data-testid="version-message">
          {message}
        </p>
      )}
    </div>
  );
}
