import type { RateLimit } from '../../src-shared/ipc/rate-limits';

/**
 * Token buckets, one per key (an IPC channel): each call takes a token, tokens come back at
 * `perSecond` up to `burst`. `now` is injected so tests move time instead of waiting.
 */
export class RateLimiter<K extends string> {
  private readonly buckets = new Map<K, { tokens: number; at: number }>();

  constructor(
    private readonly limits: { readonly [key in K]: RateLimit | null },
    private readonly now: () => number = Date.now,
  ) {}

  /** True, and a token taken, when `key` may run now; false when its bucket is empty. */
  tryTake(key: K): boolean {
    const limit = this.limits[key];
    if (limit === null) return true;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    // A clock that goes back (a test, a system time change) refills nothing and takes nothing.
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
