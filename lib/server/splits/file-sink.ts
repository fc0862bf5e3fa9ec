import "server-only";
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const FLUSH_AT = 1 << 20;

/**
 * A file written line by line, in 1 MiB chunks, with its sha256 and size kept as it grows: memory
 * stays flat and a million lines do not cost a million system calls.
 */
export class FileSink {
  private fd: number;
  private hash: Hash = createHash("sha256");
  private bytes = 0;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(
    dir: string,
    readonly name: string,
  ) {
    this.fd = fs.openSync(path.join(dir, name), "w");
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  line(value: unknown): void {
    this.write(`${JSON.stringify(value)}\n`);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const buf = Buffer.from(this.pending.join(""), "utf8");
    fs.writeSync(this.fd, buf);
    this.hash.update(buf);
    this.bytes += buf.length;
    this.pending = [];
    this.pendingLength = 0;
  }

  close(): { name: string; bytes: number; sha256: string } {
    this.flush();
    fs.closeSync(this.fd);
    return { name: this.name, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }
}
