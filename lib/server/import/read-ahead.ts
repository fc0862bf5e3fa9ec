/**
 * The items of `items`, with the next one already being made while the consumer works on this
 * one, whenever `ahead()` says so (asked after each item): an import prepares its next chunk in
 * JavaScript while PostgreSQL merges this one, when nobody else needs the cores.
 */
export async function* readAhead<T>(items: AsyncIterable<T>, ahead: () => boolean | Promise<boolean> = () => true): AsyncGenerator<T> {
  const it = items[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<T>> | null = it.next();
  try {
    for (;;) {
      const r = await (next ?? it.next());
      if (r.done) return;
      next = (await ahead()) ? it.next() : null;
      next?.catch(() => {}); // a failure surfaces at the next await; until then it must not count as unhandled
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}
