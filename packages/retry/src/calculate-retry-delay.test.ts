import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJitter, calculateRetryDelay } from './calculate-retry-delay.js';
import { retryPresets } from './retry-presets.js';
import { shouldRetry } from './should-retry.js';

describe('calculateRetryDelay', () => {
  it('follows initialDelay * multiplier^(attempt-1) exactly', () => {
    const config = { initialDelay: 100, backoffMultiplier: 3, maxDelay: 1_000_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => calculateRetryDelay(attempt, config))).toEqual([100, 300, 900, 2700, 8100]);
  });

  it('is capped at maxDelay', () => {
    const config = { initialDelay: 1000, backoffMultiplier: 2, maxDelay: 5000 };
    expect([1, 2, 3, 4, 10].map((attempt) => calculateRetryDelay(attempt, config))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it('uses the spec presets', () => {
    expect(calculateRetryDelay(1, retryPresets.database)).toBe(10_000);
    expect(calculateRetryDelay(2, retryPresets.schema)).toBe(10_000);
    expect(calculateRetryDelay(1, retryPresets.services)).toBe(3_000);
    expect(calculateRetryDelay(1, retryPresets.apiKeys)).toBe(2_000);
    expect(retryPresets.database.maxAttempts).toBe(3);
    expect(retryPresets.apiKeys.maxAttempts).toBe(2);
  });
});

describe('shouldRetry', () => {
  it('allows attempts below maxAttempts', () => {
    expect(shouldRetry(1, { maxAttempts: 3 })).toBe(true);
    expect(shouldRetry(2, { maxAttempts: 3 })).toBe(true);
    expect(shouldRetry(3, { maxAttempts: 3 })).toBe(false);
    expect(shouldRetry(1, { maxAttempts: 1 })).toBe(false);
  });
});

describe('jitter bounds', () => {
  const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  const delay = fc.integer({ min: 0, max: 10_000_000 });

  it('none returns the delay itself', () => {
    fc.assert(fc.property(delay, (d) => applyJitter(d, { jitter: 'none' }) === d));
  });

  it('full stays within [0, delay]', () => {
    fc.assert(
      fc.property(delay, random, (d, r) => {
        const jittered = applyJitter(d, { jitter: 'full', random: () => r });
        return jittered >= 0 && jittered <= d;
      }),
    );
  });

  it('equal stays within [delay/2, delay]', () => {
    fc.assert(
      fc.property(delay, random, (d, r) => {
        const jittered = applyJitter(d, { jitter: 'equal', random: () => r });
        return jittered >= Math.floor(d / 2) && jittered <= d;
      }),
    );
  });

  it('decorrelated stays within [initialDelay, min(maxDelay, 3 x previous)]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        random,
        (initialDelay, extra, previous, r) => {
          const maxDelay = initialDelay + extra;
          const jittered = applyJitter(
            0,
            { jitter: 'decorrelated', initialDelay, maxDelay, random: () => r },
            previous,
          );
          return (
            jittered >= Math.min(initialDelay, maxDelay) &&
            jittered <= Math.min(maxDelay, Math.max(initialDelay, previous * 3))
          );
        },
      ),
    );
  });
});
