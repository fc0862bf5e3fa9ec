/**
 * The items of `items`, with the next one already being made while the consumer works on this
 * one: an import prepares its next chunk in JavaScript while PostgreSQL merges this one.
 */
export async function* readAhead<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  const it = items[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      next.catch(() => {}); // a failure surfaces at the next await; until then it must not count as unhandled
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}
