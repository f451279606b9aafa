/**
 * Shares one database read among callers without ever answering from the past: a caller joins only a read sent
 * after it arrived. Callers arriving while a read is in flight wait for the next one, which starts as soon as the
 * current one ends and serves all of them. Under load that is one query per round trip instead of one per request,
 * and every answer still reflects everything committed before its request came in.
 */
export function freshRead<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  let next: Promise<T> | null = null;

  function get(): Promise<T> {
    if (!inFlight) {
      const started = read().finally(() => {
        inFlight = null;
      });
      inFlight = started;
      return started;
    }
    // The read on its way may have been sent before this caller arrived: wait for the one after it.
    next ??= inFlight
      .catch(() => undefined)
      .then(() => {
        next = null;
        return get();
      });
    return next;
  }
  return get;
}
