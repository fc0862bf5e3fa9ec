import Link from "next/link";
export interface UploadResult {
  ok: boolean;
  fileName: string;
  /** the project it went into (a new one is made on the first upload) */
  projectId?: number;
  summary: { users: number; posts: number; artifacts: number; verdicts: number; unchanged: number; conflicts: number };
  errorCount: number;
  errors: { line: number; reason: string }[];
  conflicts: { line: number; reason: string }[];
  triage?: { ruleSetVersion: number; finalized: number; audits: number; ranked: number };
}

function IssueList({ file, issues, testId }: { file: string; issues: { line: number; reason: string }[]; testId: string }) {
  return (
    <ol className="mt-2 max-h-80 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100" data-testid={testId}>
      {issues.map((i) => (
        <li key={`${i.line}:${i.reason}`}>
          {file}
          {i.line ? `:${i.line}` : ""}: {i.reason}
        </li>
      ))}
    </ol>
  );
}

/** The outcome of an upload: what was written, or every bad line (the same report the CLI prints). */
export function ImportReport({ result }: { result: UploadResult }) {
  if (!result.ok) {
    return (
      <section role="alert" data-testid="import-failed" className="mt-6 rounded-lg border border-rose-200 bg-rose-50 p-5">
        <h2 className="font-semibold text-rose-800">
          {result.errorCount} bad line{result.errorCount === 1 ? "" : "s"} in {result.fileName}: nothing was imported.
        </h2>
        <p className="text-sm text-rose-700">Fix these lines and upload the file again.{result.errorCount > result.errors.length ? ` The first ${result.errors.length} are shown.` : ""}</p>
        <IssueList file={result.fileName} issues={result.errors} testId="bad-lines" />
      </section>
    );
  }
  const s = result.summary;
  return (
    <section className="mt-6 rounded-lg border border-emerald-200 bg-emerald-50 p-5" data-testid="import-summary">
      <h2 className="font-semibold text-emerald-800">Imported {result.fileName}</h2>
      {result.projectId !== undefined && (
        <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
          <Link href={`/projects/${result.projectId}/dashboard`} className="text-indigo-700 underline">
            Open the project
          </Link>
          <Link href={`/projects/${result.projectId}/items`} className="text-indigo-700 underline">
            See its items
          </Link>
        </p>
      )}
      <dl className="mt-2 grid grid-cols-3 gap-2 text-sm sm:grid-cols-6">
        {Object.entries(s).map(([k, v]) => (
          <div key={k} className="rounded bg-white p-2">
            <dt className="text-xs text-slate-500">{k === "unchanged" || k === "conflicts" ? k : `new ${k}`}</dt>
            <dd className="text-lg font-semibold tabular-nums">{v.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      {result.triage && (
        <p className="mt-3 text-sm text-slate-700" data-testid="import-triage">
          Rule set v{result.triage.ruleSetVersion} routed the new artifacts: {result.triage.finalized.toLocaleString("en")} decided by the rules, {result.triage.audits.toLocaleString("en")} left for
          people to audit, {result.triage.ranked.toLocaleString("en")} for people, most uncertain first.
        </p>
      )}
      {result.conflicts.length > 0 && (
        <>
          <p className="mt-3 text-sm text-amber-800">These lines have keys that are already stored with other content; the stored version was kept:</p>
          <IssueList file={result.fileName} issues={result.conflicts} testId="conflicts" />
        </>
      )}
    </section>
  );
}
