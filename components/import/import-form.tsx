"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ImportReport, type UploadResult } from "./import-report";
import { uploadWithProgress } from "./upload-with-progress";
import { formatBytes } from "@/lib/domain/disk-room";

const NEW = "__new__";

/** Choose a project (or name a new one) and a file; the upload streams into the importer with a progress bar. */
export function ImportForm({ projects }: { projects: string[] }) {
  const router = useRouter();
  const [choice, setChoice] = useState(projects[0] ?? NEW);
  const [progress, setProgress] = useState<number | null>(null);
  const [size, setSize] = useState(0);
  const [result, setResult] = useState<UploadResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get("file") as File | null;
    const project = choice === NEW ? ((form.get("newProject") as string | null) ?? "").trim() : choice;
    setResult(null);
    setError(null);
    if (!project) return setError("Name the new project.");
    if (!file || file.size === 0) return setError("Choose a non-empty JSON Lines file.");
    const assign = ((form.get("assign") as string | null) ?? "").trim();
    setProgress(0);
    setSize(file.size);
    try {
      const query = new URLSearchParams({ project, file: file.name, ...(assign ? { assign } : {}) });
      const { status, body } = await uploadWithProgress(`/api/imports?${query}`, file, setProgress);
      if (status === 200 || status === 422) setResult({ ...(body as UploadResult), fileName: file.name });
      else setError((body as { error?: { message?: string } }).error?.message ?? `The upload failed (HTTP ${status}).`);
      router.refresh();
    } catch {
      setError("The upload was interrupted. Nothing was imported; try again.");
    } finally {
      setProgress(null);
    }
  }

  return (
    <>
      <form onSubmit={onSubmit} className="mt-6 max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div>
          <label htmlFor="import-project" className="block text-sm font-medium">
            Project
          </label>
          <select id="import-project" value={choice} onChange={(e) => setChoice(e.target.value)} className="mt-1 w-full rounded border border-slate-300 px-3 py-2">
            {projects.map((p) => (
              <option key={p}>{p}</option>
            ))}
            <option value={NEW}>New project…</option>
          </select>
        </div>
        {choice === NEW && (
          <label className="block text-sm font-medium">
            New project name
            <input name="newProject" required className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
          </label>
        )}
        <label className="block text-sm font-medium">
          Batch file (.jsonl)
          <input
            name="file"
            type="file"
            accept=".jsonl,.json,.ndjson,application/x-ndjson,application/json,text/plain"
            required
            className="mt-1 block w-full rounded border border-slate-300 text-sm text-slate-700 file:mr-3 file:cursor-pointer file:border-0 file:border-r file:border-slate-300 file:bg-slate-50 file:px-3 file:py-2 file:font-medium file:text-slate-800 hover:file:bg-slate-100"
          />
        </label>
        <label className="block text-sm font-medium">
          Annotators to assign first <span className="font-normal text-slate-500">(optional)</span>
          <input name="assign" placeholder="ana@example.org, ben@example.org" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
          <span className="mt-1 block text-xs font-normal text-slate-500">
            Verdicts in the file are taken only from the project&apos;s annotators: name here the ones the file carries verdicts of, if they are not assigned yet.
          </span>
        </label>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        {progress !== null ? (
          <div>
            <div className="h-2 overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={Math.round(progress * 100)} aria-valuemin={0} aria-valuemax={100} aria-label="Import progress">
              <div className="h-full bg-indigo-600 transition-all" style={{ width: `${progress * 100}%` }} />
            </div>
            <p className="mt-1 text-xs text-slate-500" data-testid="import-progress">
              {progress < 1
                ? `Read ${formatBytes(Math.round(progress * size))} of ${formatBytes(size)} (${Math.floor(progress * 100)}%): importing as it arrives…`
                : "Checking references and committing…"}
            </p>
          </div>
        ) : (
          <button type="submit" className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
            Import
          </button>
        )}
      </form>
      {result && <ImportReport result={result} />}
    </>
  );
}
