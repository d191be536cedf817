/**
 * A real turn of the event loop at most every `everyMs`. An import mostly computes (parse, hash,
 * insert) between awaits that resolve at once, and microtasks alone never let a timer fire or a
 * message in: a worker would not hear the window's Cancel until the import had ended. A turn
 * through setImmediate lets them in; taking one after every note would cost more than the notes.
 */
export function eventLoopTurns(everyMs = 20, clock: () => number = Date.now): () => Promise<void> {
  let last = clock();
  return async () => {
    if (clock() - last < everyMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = clock();
  };
}
