type Transferable = ArrayBuffer & { transfer?: (newLength?: number) => ArrayBuffer };

/**
 * Zeroes a buffer that held plaintext and, where the runtime can, gives its memory back at
 * once. Left to the garbage collector, a database-sized buffer the job is done with stays
 * resident until V8 happens to collect it, which on the in-memory route means one more copy
 * of the database while SQLite makes the next one.
 *
 * `ArrayBuffer.prototype.transfer(0)` (ES2024: Electron 45, Node 22) detaches the buffer and
 * frees its memory: at once for memory V8 allocated (Buffer.alloc, and everything in
 * Electron, whose V8 sandbox makes better-sqlite3 copy into V8 memory), on the next turn of
 * the event loop for memory Node wraps from outside V8 (better-sqlite3's `serialize()` in
 * plain Node), whose free callback Node defers. Node 20 lacks `transfer`: there the buffer is
 * only zeroed and its memory waits for the collector. Only a buffer that spans its whole
 * ArrayBuffer is detached: a view into a larger allocation may share it with others. Safe to
 * call again on a buffer it has released.
 */
export function wipeAndRelease(buffer: Uint8Array): void {
  // Empty, or released already: a detached buffer reads as empty, and fill() would throw.
  if (buffer.byteLength === 0) return;
  buffer.fill(0);
  const whole = buffer.buffer as Transferable;
  if (buffer.byteOffset !== 0 || buffer.byteLength !== whole.byteLength) return;
  if (typeof whole.transfer !== 'function') return;
  try {
    whole.transfer(0);
  } catch {
    // Not detachable (memory owned outside V8): zeroed above, freed by the collector.
  }
}
