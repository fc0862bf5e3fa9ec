/**
 * Rows of one file matched to rows of another where no key joins them (Blogger's files: `id` is the
 * user's): by the fields they share, in file order, each row taking the first of its equals not
 * taken yet, so that repeated posts pair one to one.
 */
export class InOrder<T> {
  private readonly queues = new Map<string, T[]>();

  /** The key of a row's shared fields. */
  static key(...fields: unknown[]): string {
    // each field after its length: no two lists of fields give one key, and nothing is escaped
    let key = "";
    for (const f of fields) {
      const text = f === undefined || f === null ? "" : typeof f === "object" ? JSON.stringify(f) : String(f as string | number | boolean);
      key += `${text.length}:${text}`;
    }
    return key;
  }

  add(key: string, value: T): void {
    const queue = this.queues.get(key);
    if (queue) queue.push(value);
    else this.queues.set(key, [value]);
  }

  /** The first value of this key not taken yet, taken now. */
  take(key: string): T | undefined {
    return this.queues.get(key)?.shift();
  }

  /** A fresh matcher over the same rows (each stage file pairs with all of them again). */
  copy(): InOrder<T> {
    const c = new InOrder<T>();
    for (const [k, q] of this.queues) c.queues.set(k, [...q]);
    return c;
  }
}
