import { performance } from 'node:perf_hooks';

/** Runs `total` calls of `operation` with `concurrency` in flight; returns each latency and the wall time. */
export async function runConcurrently(
  total: number,
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < total; index = next++) {
        const begin = performance.now();
        await operation(index);
        latencies.push(performance.now() - begin);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}
