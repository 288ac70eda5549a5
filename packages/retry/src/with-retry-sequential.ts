import { validateRetryConfig, type RetryConfig } from './retry-config.js';
import { withRetry, type AttemptContext } from './with-retry.js';

type Operation<T> = (context: AttemptContext) => Promise<T> | T;
type Operations = Record<string, Operation<unknown>>;
type Results<Ops extends Operations> = { [K in keyof Ops]: Awaited<ReturnType<Ops[K]>> };

/**
 * Runs the named operations one after another, in the record's order, each with
 * `config`'s retry, and stops at the first that fails for good: its error is thrown as
 * `withRetry` threw it, and the later operations never run.
 */
export async function withRetrySequential<const Ops extends Operations>(
  operations: Ops,
  config: RetryConfig = {},
): Promise<Results<Ops>> {
  validateRetryConfig(config);
  const results: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    results[name] = await withRetry(operation, config, name);
  }
  return results as Results<Ops>;
}
