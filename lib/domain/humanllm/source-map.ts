/**
 * Where each line of a converted batch came from: line n of the batch (1-based) ↔ a stage file
 * and its line, kept in two growing integer arrays and a list of file names (a million lines cost
 * a few megabytes, not a string each).
 */
export class SourceMap {
  private files: string[] = [];
  private fileIndex = new Map<string, number>();
  private fileOf = new Int32Array(1024);
  private lineOf = new Int32Array(1024);
  private n = 0;

  add(file: string, line: number): void {
    let i = this.fileIndex.get(file);
    if (i === undefined) {
      i = this.files.push(file) - 1;
      this.fileIndex.set(file, i);
    }
    if (this.n === this.fileOf.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.fileOf = grow(this.fileOf);
      this.lineOf = grow(this.lineOf);
    }
    this.fileOf[this.n] = i;
    this.lineOf[this.n] = line;
    this.n++;
  }

  get size(): number {
    return this.n;
  }

  /** "reddit/clean_data/123.json:4" for line `batchLine` of the batch (a line of 0: the file as a whole). */
  where(batchLine: number): string | null {
    const i = batchLine - 1;
    if (i < 0 || i >= this.n) return null;
    const line = this.lineOf[i];
    return `${this.files[this.fileOf[i]]}${line > 0 ? `:${line}` : ""}`;
  }
}
