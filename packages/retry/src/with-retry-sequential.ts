import { validateRetryConfig, type RetryConfig } from './retry-config.js';
import { withRetry, type AttemptContext } from './with-retry.js';

type Operation<T> = (context: AttemptContext) => Promise<T> | T;
type Results<Ops extends readonly Operation<unknown>[]> = { -readonly [K in keyof Ops]: Awaited<ReturnType<Ops[K]>> };

/**
 * Runs the operations one after another, each with `config`'s retry, and stops at the
 * first that fails for good: its error is thrown as `withRetry` threw it, and the later
 * operations never run.
 */
export async function withRetrySequential<const Ops extends readonly Operation<unknown>[]>(
  operations: Ops,
  names: readonly string[] = [],
  config: RetryConfig = {},
): Promise<Results<Ops>> {
  validateRetryConfig(config);
  const results: unknown[] = [];
  for (const [index, operation] of operations.entries()) {
    results.push(await withRetry(operation, config, names[index] ?? `operation ${index + 1}`));
  }
  return results as Results<Ops>;
}
