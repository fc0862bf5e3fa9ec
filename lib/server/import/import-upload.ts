import "server-only";
import path from "node:path";
import type { SessionUser } from "../../auth/current-user";
import { dataDir, env } from "../../env";
import { AppError } from "../../errors";
import { assertUploadFits, uploadTooLarge } from "../disk-room";
import { importIntoNamedProject, type NamedImportResult } from "./import-into-named-project";

/**
 * Imports an uploaded batch (an HTTP request body, streamed) into the named project, creating it
 * if missing (and keeping it only if the import succeeds). The use case behind the upload page.
 */
export async function importUpload(
  user: SessionUser,
  { project: projectName, fileName, assign = [] }: { project: string; fileName: string; assign?: string[] },
  body: ReadableStream<Uint8Array> | null,
  contentLength: number | null,
): Promise<NamedImportResult> {
  if (!body) throw new AppError("bad_request", "The upload is empty: choose a JSON Lines file.");
  // the import writes about as much into the database as the file holds
  assertUploadFits(dataDir(), contentLength);
  return importIntoNamedProject(projectName, user, { assign, source: interruptible(body), fileName, actor: { actorId: user.id, actorLabel: user.email } });
}

/** The body's chunks, counted; a connection that breaks mid-upload, or a body past the limit, becomes an error the uploader can act on. */
async function* interruptible(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let bytes = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new AppError("bad_request", "The upload was interrupted before the end of the file; nothing was imported. Upload it again.");
    }
    if (next.done) return;
    bytes += next.value.byteLength;
    if (bytes > env.API_MAX_UPLOAD_BYTES) {
      await reader.cancel().catch(() => {});
      throw uploadTooLarge();
    }
    yield next.value;
  }
}
