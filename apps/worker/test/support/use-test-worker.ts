import { afterAll, beforeAll } from 'vitest';
import type { ProvisioningQueue } from '../../src/queue/provisioning-queue.js';
import { startTestQueue, startTestWorker, type TestWorker } from './test-worker.js';

/** A {@link TestWorker} with a queue on the test database beside it. */
export interface TestWorkerWithQueue extends TestWorker {
  /** Fast retries (see `startTestQueue`); stopped before the worker closes. */
  queue: ProvisioningQueue;
}

/** What a test file needs of its worker. */
export interface UseTestWorkerOptions {
  /**
   * A queue beside the worker (default true). False for files that call the handler
   * directly or start queues of their own, which the file's queue would compete with.
   */
  queue?: boolean;
  /**
   * Whether the queue runs jobs with the worker's context from the start (default true).
   * False for files that set the context up first, or let another worker take the jobs.
   */
  work?: boolean;
  /** Runs once the queue has stopped, before the worker closes: for what the file leaves on the shared server. */
  cleanUp?: (worker: TestWorker) => Promise<unknown>;
}

/**
 * The worker of a test file: registers the `beforeAll` that starts it (migrating the test
 * database) and its queue, and the `afterAll` that stops the queue and closes it. Call it
 * at the top of the file (or a `describe`), before hooks of the file's own that use it.
 * The object it returns is filled in by that `beforeAll`: use it in tests and hooks only.
 */
export function useTestWorker(options: UseTestWorkerOptions & { queue: false }): TestWorker;
export function useTestWorker(options?: UseTestWorkerOptions): TestWorkerWithQueue;
export function useTestWorker(options: UseTestWorkerOptions = {}): TestWorker {
  // One object for the whole file, as the `let` each file used to assign in its own beforeAll.
  const worker = {} as Partial<TestWorkerWithQueue>;
  beforeAll(async () => {
    Object.assign(worker, await startTestWorker());
    if (options.queue === false) return;
    worker.queue = await startTestQueue();
    if (options.work !== false) await worker.queue.work(worker.ctx!);
  });
  afterAll(async () => {
    await worker.queue?.stop(5000);
    if (worker.close === undefined) return; // it never started
    await options.cleanUp?.(worker as TestWorker);
    await worker.close();
  });
  return worker as TestWorkerWithQueue;
}
