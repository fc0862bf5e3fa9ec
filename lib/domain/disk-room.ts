/**
 * Whether the disk can take an upload: after writing it, at least twice its size must stay free
 * (the import writes about as much again into the database, and the machine must go on working).
 * Returns the problem for the uploader, or null.
 */
export function diskRoomProblem(freeBytes: number, uploadBytes: number): string | null {
  if (freeBytes - uploadBytes >= 2 * uploadBytes) return null;
  return (
    `Not enough disk space for this upload: ${formatBytes(uploadBytes)} needs ${formatBytes(3 * uploadBytes)} free (the file, and twice its size to spare), ` +
    `and the server has ${formatBytes(freeBytes)}. Nothing was written; free some space or split the batch.`
  );
}

export function formatBytes(n: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
