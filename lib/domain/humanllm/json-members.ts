/**
 * The members of one JSON object read a piece at a time (`{"k1": v1, "k2": v2}` gives `"k1": v1`,
 * then `"k2": v2`), for files of a single object too large to hold: Amazon's products file
 * (raw_data/amazon_{category}_content.json, every product's metadata). Each member's text is
 * JSON.parse-able as `{${member}}`; only one member is held at a time. Pieces may split anywhere,
 * inside strings and escapes too. `problem` says why the text is no JSON object, once known.
 */
export class JsonMembers {
  private started = false;
  private done = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** the current member's text from earlier pieces */
  private carried = "";
  problem: string | null = null;

  /** The members that end in this piece. */
  push(piece: string): string[] {
    const out: string[] = [];
    let from = 0;
    for (let i = 0; i < piece.length && !this.problem; i++) {
      const c = piece[i];
      if (this.done) {
        if (!/\s/.test(c)) this.problem = "text after the object's end";
        continue;
      }
      if (!this.started) {
        if (c === "{") {
          this.started = true;
          this.depth = 1;
          from = i + 1;
        } else if (!/[\s\ufeff]/.test(c)) this.problem = "not a JSON object";
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (c === '"') this.inString = true;
      else if (c === "{" || c === "[") this.depth++;
      else if (c === "}" || c === "]") {
        this.depth--;
        if (this.depth === 0) {
          this.take(piece.slice(from, i), out);
          this.done = true;
        }
      } else if (c === "," && this.depth === 1) {
        this.take(piece.slice(from, i), out);
        from = i + 1;
      }
    }
    if (this.started && !this.done && !this.problem) this.carried += piece.slice(from);
    return out;
  }

  /** Call after the last piece: a problem if the object did not end. */
  end(): void {
    if (!this.problem && !this.done) this.problem = this.started ? "the object does not end (the file is cut short)" : "not a JSON object";
  }

  private take(rest: string, out: string[]): void {
    const member = (this.carried + rest).trim();
    this.carried = "";
    if (member) out.push(member);
  }
}
