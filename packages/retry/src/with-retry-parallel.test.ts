import { ProjectNotFoundError } from '@org/errors';
import { describe, expect, it, vi } from 'vitest';
import { ParallelRetryError } from '@org/errors';
import { withRetryParallel } from './with-retry-parallel.js';
import { withRetrySequential } from './with-retry-sequential.js';

const fast = { maxAttempts: 3, initialDelay: 1, jitter: 'none' } as const;

function flaky<T>(failures: number, value: T) {
  let calls = 0;
  return vi.fn(() => {
    calls++;
    if (calls <= failures) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    return value;
  });
}

describe('withRetryParallel', () => {
  it('retries each operation on its own and keeps result order', async () => {
    const a = flaky(2, 'a');
    const b = flaky(0, 2);
    const c = flaky(1, true);
    const results = await withRetryParallel({ a, b, c }, fast);
    expect(results).toEqual({ a: 'a', b: 2, c: true });
    const typed: { a: string; b: number; c: boolean } = results;
    expect(typed.b).toBe(2);
    expect([a.mock.calls.length, b.mock.calls.length, c.mock.calls.length]).toEqual([3, 1, 2]);
  });

  it('waits for all and reports every failure, not just the first', async () => {
    const ok = flaky(0, 'fine');
    const permanent = vi.fn(() => {
      throw new ProjectNotFoundError('p');
    });
    const exhausted = flaky(10, 'never');
    const error: unknown = await withRetryParallel({ permanent, ok, exhausted }, fast, {
      exhausted: { ...fast, maxAttempts: 2 },
    }).catch((e: unknown) => e);
    expect(ParallelRetryError.is(error)).toBe(true);
    const failures = (error as ParallelRetryError).failures;
    expect(failures.map((f) => f.operationName)).toEqual(['permanent', 'exhausted']);
    expect(ok).toHaveBeenCalledTimes(1);
    expect(exhausted).toHaveBeenCalledTimes(2);
    // One failure is permanent, so the whole is not worth retrying.
    expect((error as ParallelRetryError).retryable).toBe(false);
  });
});

describe('withRetrySequential', () => {
  it('runs in order and returns every result', async () => {
    const order: string[] = [];
    const results = await withRetrySequential(
      { a: () => (order.push('a'), 1), b: () => Promise.resolve((order.push('b'), 'two')) },
      fast,
    );
    expect(results).toEqual({ a: 1, b: 'two' });
    expect(order).toEqual(['a', 'b']);
  });

  it('stops at the first exhausted failure', async () => {
    const first = flaky(1, 'first');
    const second = flaky(10, 'second');
    const third = vi.fn(() => 'third');
    await expect(withRetrySequential({ first, second, third }, fast)).rejects.toThrow('reset');
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(3);
    expect(third).not.toHaveBeenCalled();
  });
});
