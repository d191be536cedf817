import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { NoteVaultError } from '../../src-shared/errors';

/** Rows, or bytes of their values, between two looks at the event loop (rebuild's batch bounds). */
export const PACE_ROWS = 200;
export const PACE_BYTES = 4 * 1024 * 1024;

/**
 * A job worker hears Cancel as a message, and a message gets in only on a turn of the event loop:
 * a synchronous pass over a large table (a digest, a manifest) would not hear it until the pass
 * ended, seconds later on a large database, while a person's job waits for the worker to end
 * (JobGate.runLowPriority). A pace takes that turn every PACE_ROWS rows or PACE_BYTES bytes of
 * values, and throws CANCELLED there if asked; a turn per row would cost measurable time.
 */
export class CancelPace {
  private rows = 0;
  private bytes = 0;

  constructor(
    private readonly signal: AbortSignal | undefined,
    /** What a cancellation says, e.g. 'The restore drill was cancelled.' */
    private readonly cancelled: string,
  ) {}

  /** Counts one row; true when a turn is due (then `await pace.point()`). */
  due(row: readonly unknown[]): boolean {
    this.rows++;
    for (const value of row) this.bytes += valueBytes(value);
    return this.rows >= PACE_ROWS || this.bytes >= PACE_BYTES;
  }

  /** A turn of the event loop, then CANCELLED if the job was cancelled meanwhile. */
  async point(): Promise<void> {
    this.rows = 0;
    this.bytes = 0;
    await cancellationPoint(this.signal, this.cancelled);
  }
}

/** Between two synchronous steps: lets a Cancel in, then throws CANCELLED (saying `cancelled`) if asked. */
export async function cancellationPoint(signal: AbortSignal | undefined, cancelled: string): Promise<void> {
  await yieldToEventLoop();
  if (signal?.aborted) throw new NoteVaultError('CANCELLED', cancelled);
}

/** Roughly what a value weighs: its bytes for text and BLOBs, 8 for a number, NULL. */
export function valueBytes(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Buffer.isBuffer(value)) return value.length;
  return 8;
}
