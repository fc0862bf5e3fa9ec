/**
 * POSTs a file with XMLHttpRequest, whose upload events report progress (fetch has none). The
 * server imports the body as it streams in, so upload progress is import progress.
 */
export function uploadWithProgress(url: string, file: File, onProgress: (fraction: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", "application/x-ndjson");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { error: { message: `The server answered HTTP ${xhr.status} without a report.` } };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network error"));
    xhr.send(file);
  });
}
