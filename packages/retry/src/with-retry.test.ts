import { classifyError, DatabaseCreationError, ProjectNotFoundError, ValidationError } from '@org/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retryAttemptsOf } from './retry-attempts.js';
import type { RetryEvent } from './retry-config.js';
import { withRetry } from './with-retry.js';

function transient(message = 'connection reset'): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withRetry', () => {
  it('returns the first success and passes attempt numbers and the signal', async () => {
    const seen: number[] = [];
    const result = withRetry(
      ({ attempt, signal }) => {
        seen.push(attempt);
        expect(signal).toBeInstanceOf(AbortSignal);
        if (attempt < 3) throw transient();
        return 'ok';
      },
      { maxAttempts: 3, initialDelay: 10, jitter: 'none' },
    );
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('waits the exact exponential sequence without jitter', async () => {
    const events: RetryEvent[] = [];
    const started = Date.now();
    const times: number[] = [];
    const result = withRetry(
      () => {
        times.push(Date.now() - started);
        throw transient();
      },
      {
        maxAttempts: 5,
        initialDelay: 100,
        backoffMultiplier: 2,
        maxDelay: 500,
        jitter: 'none',
        onRetry: (e) => events.push(e),
      },
      'op',
    );
    const assertion = expect(result).rejects.toThrow('connection reset');
    await vi.runAllTimersAsync();
    await assertion;
    expect(events.map((e) => e.delay)).toEqual([100, 200, 400, 500]);
    expect(times).toEqual([0, 100, 300, 700, 1200]);
    expect(events.map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
    expect(events[0]?.operationName).toBe('op');
  });

  it('uses the injected random source for full jitter', async () => {
    const events: RetryEvent[] = [];
    const result = withRetry(
      ({ attempt }) => {
        if (attempt < 3) throw transient();
        return attempt;
      },
      { initialDelay: 1000, random: () => 0.25, onRetry: (e) => events.push(e) },
    );
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe(3);
    expect(events.map((e) => e.delay)).toEqual([250, 500]);
  });

  it('throws the last error itself with attempts attached', async () => {
    let count = 0;
    const result = withRetry(
      () => {
        count++;
        throw new DatabaseCreationError(`failure ${count}`);
      },
      { maxAttempts: 3, initialDelay: 1, jitter: 'none' },
    );
    const assertion = expect(result).rejects.toSatisfy((error: unknown) => {
      return DatabaseCreationError.is(error) && error.message === 'failure 3' && retryAttemptsOf(error) === 3;
    });
    await vi.runAllTimersAsync();
    await assertion;
    expect(count).toBe(3);
  });

  it('stops at once on a non-retryable error', async () => {
    const operation = vi.fn(() => {
      throw new ProjectNotFoundError('p');
    });
    await expect(withRetry(operation, { maxAttempts: 5 })).rejects.toSatisfy(
      (error: unknown) => ProjectNotFoundError.is(error) && retryAttemptsOf(error) === 1,
    );
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('lets a custom predicate decide', async () => {
    const operation = vi.fn(() => {
      throw new ProjectNotFoundError('p');
    });
    const result = withRetry(operation, { maxAttempts: 3, initialDelay: 1, shouldRetry: (_e, attempt) => attempt < 2 });
    const assertion = expect(result).rejects.toThrow('not found');
    await vi.runAllTimersAsync();
    await assertion;
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it('gives up rather than wait past the elapsed budget', async () => {
    const operation = vi.fn(() => {
      throw transient();
    });
    // Attempt 1 at t=0, wait 100; attempt 2 at t=100; the next wait (200) would end at
    // t=300, past the 250 ms budget, so it gives up after two attempts.
    const result = withRetry(operation, { maxAttempts: 10, initialDelay: 100, jitter: 'none', maxElapsedMs: 250 });
    const assertion = expect(result).rejects.toSatisfy((error: unknown) => retryAttemptsOf(error) === 2);
    await vi.runAllTimersAsync();
    await assertion;
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it('gives up at once when a server asks to wait longer than maxRetryAfterMs, the error still retryable', async () => {
    const operation = vi.fn(() => {
      throw Object.assign(new Error('come back in an hour'), { status: 503, headers: { 'retry-after': '3600' } });
    });
    const events: RetryEvent[] = [];
    const result = withRetry(operation, { maxAttempts: 5, onRetry: (e) => events.push(e) });
    const assertion = expect(result).rejects.toSatisfy(
      (error: unknown) => retryAttemptsOf(error) === 1 && classifyError(error).retryable,
    );
    await vi.runAllTimersAsync();
    await assertion;
    expect(operation).toHaveBeenCalledTimes(1);
    expect(events).toEqual([]);
    // Within the cap it is waited for, as before.
    const shorter = withRetry(
      ({ attempt }) => {
        if (attempt === 1) throw Object.assign(new Error('soon'), { status: 503, headers: { 'retry-after': '20' } });
        return 'done';
      },
      { maxRetryAfterMs: 30_000, initialDelay: 1, jitter: 'none' },
    );
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(shorter).resolves.toBe('done');
  });

  it('honours a Retry-After hint larger than the backoff', async () => {
    const events: RetryEvent[] = [];
    const result = withRetry(
      ({ attempt }) => {
        if (attempt === 1)
          throw Object.assign(new Error('slow down'), { status: 429, headers: { 'retry-after': '3' } });
        return 'done';
      },
      { initialDelay: 10, jitter: 'none', onRetry: (e) => events.push(e) },
    );
    await vi.advanceTimersByTimeAsync(2999);
    expect(events).toHaveLength(1);
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('done');
    expect(events[0]?.delay).toBe(3000);
  });

  it('rejects at once with the abort reason during a wait, and makes no further attempt', async () => {
    const controller = new AbortController();
    const operation = vi.fn(() => {
      throw transient();
    });
    const result = withRetry(operation, {
      maxAttempts: 5,
      initialDelay: 10_000,
      jitter: 'none',
      signal: controller.signal,
    });
    const assertion = expect(result).rejects.toBe('stop now');
    await vi.advanceTimersByTimeAsync(10);
    expect(operation).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort('stop now');
    await assertion;
    // The pending wait's timer is gone: nothing keeps the process alive.
    expect(vi.getTimerCount()).toBe(0);
    await vi.runAllTimersAsync();
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const operation = vi.fn(() => 'never');
    await expect(withRetry(operation, { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    expect(operation).not.toHaveBeenCalled();
  });

  it('validates the config before any attempt', async () => {
    const operation = vi.fn(() => 'never');
    const bad = withRetry(operation, { maxAttempts: 0, initialDelay: -1, maxDelay: -5, backoffMultiplier: 0.5 });
    await expect(bad).rejects.toSatisfy(
      (error: unknown) =>
        ValidationError.is(error) &&
        error.issues.map((issue) => issue.path).join() === 'maxAttempts,initialDelay,maxDelay,backoffMultiplier',
    );
    expect(operation).not.toHaveBeenCalled();
  });
});
