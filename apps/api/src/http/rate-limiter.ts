import { LruMap } from '@org/db';

/** Callers whose buckets are kept; an idle one forgotten starts again with a full bucket. */
const CALLERS_KEPT = 100_000;

/**
 * A token bucket per caller: `perMinute` requests a minute, refilled evenly, with a burst
 * of up to a tenth of a minute's allowance (at least 10). In memory: each API process
 * limits what it serves, so N processes admit up to N times the rate. Callers are kept
 * least recently used first out, so a flood of new callers cannot reset a busy one's bucket.
 */
export class RateLimiter {
  private readonly buckets = new LruMap<string, { tokens: number; at: number }>(CALLERS_KEPT);
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(private readonly perMinute: number) {
    this.capacity = Math.max(10, Math.ceil(perMinute / 10));
    this.perMs = perMinute / 60_000;
  }

  /** Takes one request from `caller`'s bucket: 0 when admitted, else the seconds until one is. */
  take(caller: string, now = Date.now()): number {
    if (this.perMinute === 0) return 0;
    let bucket = this.buckets.get(caller);
    if (bucket === undefined) {
      bucket = { tokens: this.capacity, at: now };
      this.buckets.set(caller, bucket);
    }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }
}
