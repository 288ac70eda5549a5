import { classifyError } from '@org/errors';
import { ParallelRetryError, type ParallelFailure } from './parallel-retry-error.js';
import { validateRetryConfig, type RetryConfig } from './retry-config.js';
import { withRetry, type AttemptContext } from './with-retry.js';

type Operation<T> = (context: AttemptContext) => Promise<T> | T;
type Results<Ops extends readonly Operation<unknown>[]> = { -readonly [K in keyof Ops]: Awaited<ReturnType<Ops[K]>> };

/**
 * Runs every operation at once, each with its own retry (`configs` is one config for all
 * or one per operation), and waits for all of them. Resolves with the results in order,
 * or rejects with a {@link ParallelRetryError} listing every failure.
 */
export async function withRetryParallel<const Ops extends readonly Operation<unknown>[]>(
  operations: Ops,
  names: readonly string[] = [],
  configs: RetryConfig | readonly RetryConfig[] = {},
): Promise<Results<Ops>> {
  const perOperation = Array.isArray(configs) ? (configs as readonly RetryConfig[]) : undefined;
  const configOf = (index: number): RetryConfig =>
    perOperation ? (perOperation[index] ?? {}) : (configs as RetryConfig);
  operations.forEach((_, index) => validateRetryConfig(configOf(index)));

  const settled = await Promise.allSettled(
    operations.map((operation, index) =>
      withRetry(operation, configOf(index), names[index] ?? `operation ${index + 1}`),
    ),
  );
  const failures: ParallelFailure[] = [];
  settled.forEach((outcome, index) => {
    if (outcome.status === 'rejected') {
      failures.push({ index, operationName: names[index] ?? `operation ${index + 1}`, error: outcome.reason });
    }
  });
  if (failures.length > 0) {
    throw new ParallelRetryError(
      failures,
      failures.every((failure) => classifyError(failure.error).retryable),
    );
  }
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as Results<Ops>;
}
