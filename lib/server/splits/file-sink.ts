import "server-only";
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A file written line by line with its sha256 and size kept as it grows: memory stays flat. */
export class FileSink {
  private fd: number;
  private hash: Hash = createHash("sha256");
  private bytes = 0;

  constructor(
    dir: string,
    readonly name: string,
  ) {
    this.fd = fs.openSync(path.join(dir, name), "w");
  }

  write(text: string): void {
    const buf = Buffer.from(text, "utf8");
    fs.writeSync(this.fd, buf);
    this.hash.update(buf);
    this.bytes += buf.length;
  }

  line(value: unknown): void {
    this.write(`${JSON.stringify(value)}\n`);
  }

  close(): { name: string; bytes: number; sha256: string } {
    fs.closeSync(this.fd);
    return { name: this.name, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }
}
