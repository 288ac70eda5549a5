import { ParallelRetryError, type ParallelFailure } from '@org/errors';
import { validateRetryConfig, type RetryConfig } from './retry-config.js';
import { withRetry, type AttemptContext } from './with-retry.js';

type Operation<T> = (context: AttemptContext) => Promise<T> | T;
type Operations = Record<string, Operation<unknown>>;
type Results<Ops extends Operations> = { [K in keyof Ops]: Awaited<ReturnType<Ops[K]>> };

/**
 * Runs every named operation at once, each with its own retry (`config`, or its entry in
 * `overrides`), and waits for all of them. Resolves with the results under the same names,
 * or rejects with a `ParallelRetryError` listing every failure by name.
 */
export async function withRetryParallel<const Ops extends Operations>(
  operations: Ops,
  config: RetryConfig = {},
  overrides: Partial<Record<keyof Ops, RetryConfig>> = {},
): Promise<Results<Ops>> {
  const names = Object.keys(operations);
  const configOf = (name: string): RetryConfig => overrides[name] ?? config;
  for (const name of names) validateRetryConfig(configOf(name));
  const settled = await Promise.allSettled(names.map((name) => withRetry(operations[name]!, configOf(name), name)));
  const failures: ParallelFailure[] = [];
  const results: Record<string, unknown> = {};
  settled.forEach((outcome, index) => {
    const name = names[index]!;
    if (outcome.status === 'rejected') failures.push({ operationName: name, error: outcome.reason });
    else results[name] = outcome.value;
  });
  if (failures.length > 0) throw new ParallelRetryError(failures);
  return results as Results<Ops>;
}
