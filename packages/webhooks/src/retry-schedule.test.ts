import { describe, expect, it } from 'vitest';
import {
  boundedRetryAfter,
  DISABLE_AFTER_FAILING_MS,
  MAX_DELIVERY_ATTEMPTS,
  MAX_RETRY_AFTER_MS,
  nextRetryDelayMs,
  RETRY_SCHEDULE_MS,
} from './retry-schedule.js';

describe('the retry schedule', () => {
  it('spans about three days, from seconds to hours, within the three days that disable an endpoint, and then ends', () => {
    const total = RETRY_SCHEDULE_MS.reduce((sum, delay) => sum + delay, 0);
    expect(total / 3_600_000).toBeGreaterThan(70);
    expect(total).toBeLessThanOrEqual(DISABLE_AFTER_FAILING_MS);
    expect(RETRY_SCHEDULE_MS[0]).toBe(5000);
    expect(RETRY_SCHEDULE_MS.at(-1)).toBeGreaterThanOrEqual(3_600_000);
    expect(RETRY_SCHEDULE_MS.every((delay, index) => index === 0 || delay >= RETRY_SCHEDULE_MS[index - 1]!)).toBe(true);
    expect(nextRetryDelayMs(MAX_DELIVERY_ATTEMPTS)).toBeNull();
  });

  it('jitters by ±20 %, scales, and honours a longer Retry-After', () => {
    expect(nextRetryDelayMs(1, { random: () => 0 })).toBe(4000);
    expect(nextRetryDelayMs(1, { random: () => 1 })).toBe(6000);
    expect(nextRetryDelayMs(2, { random: () => 0.5, scale: 0.001 })).toBe(300);
    expect(nextRetryDelayMs(1, { random: () => 0.5, retryAfterMs: 60_000 })).toBe(60_000);
    expect(nextRetryDelayMs(3, { random: () => 0.5, retryAfterMs: 1000 })).toBe(30 * 60_000);
  });

  it('reads Retry-After as seconds or an HTTP date, bounded', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(boundedRetryAfter('7', now)).toBe(7000);
    expect(boundedRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(boundedRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(boundedRetryAfter('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(boundedRetryAfter('soon', now)).toBeNull();
    expect(boundedRetryAfter(null, now)).toBeNull();
  });
});
