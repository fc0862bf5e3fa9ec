import "server-only";
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openPrivateFile } from "../../private-files";

const CHUNK = 1 << 20;

/**
 * A file written line by line through a 1 MiB buffer, with its sha256 and size kept as it grows:
 * memory stays flat, a million lines do not cost a million system calls, and text is encoded
 * straight into the buffer (no joined string per chunk). The file is mode 600.
 */
export class FileSink {
  private fd: number;
  private hash: Hash = createHash("sha256");
  private bytes = 0;
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;

  constructor(
    dir: string,
    readonly name: string,
  ) {
    this.fd = openPrivateFile(path.join(dir, name));
  }

  write(text: string): void {
    // a UTF-16 code unit takes at most 3 bytes in UTF-8
    if (this.used + text.length * 3 > CHUNK) {
      this.flush();
      if (text.length * 3 > CHUNK) return this.emit(Buffer.from(text, "utf8"));
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }

  line(value: unknown): void {
    this.write(`${JSON.stringify(value)}\n`);
  }

  private emit(chunk: Buffer): void {
    fs.writeSync(this.fd, chunk);
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.emit(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  close(): { name: string; bytes: number; sha256: string } {
    this.flush();
    fs.closeSync(this.fd);
    this.fd = -1;
    return { name: this.name, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  /** Closes the file if it is still open, for an export that stopped on the way (its files are removed). */
  abandon(): void {
    if (this.fd < 0) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      // closed or broken: nothing more to do
    }
    this.fd = -1;
  }
}

/** The files one export writes: whatever happens, none stays open once it ends. */
export class SinkGroup {
  private sinks: FileSink[] = [];

  open(dir: string, name: string): FileSink {
    const sink = new FileSink(dir, name);
    this.sinks.push(sink);
    return sink;
  }

  abandonAll(): void {
    for (const s of this.sinks) s.abandon();
  }
}
