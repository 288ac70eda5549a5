import { performance } from 'node:perf_hooks';
import { openNotificationFeed, type NotificationFeed } from '@org/db';
import type { Sql } from 'postgres';
import type { OperationReport } from './operation-report.js';
import { OperationStore } from './operation-store.js';
import { hasEnded } from './schema/operations.js';

/** While the feed is not trusted (just opened, or cut off), a waiter looks again this often. */
const UNTRUSTED_LOOK_AGAIN_MS = 500;

/** A wait for one operation's next announced end: see {@link OperationEnds.watch}. */
export interface EndWatch {
  /**
   * Resolves when the operation's end is announced, when announcements may have been lost
   * (the feed reconnected), after `ms` (sooner while the feed is not trusted), or on `signal`.
   * Whatever woke it, the caller reads the operation again.
   */
  next(ms: number, signal?: AbortSignal): Promise<void>;
  /** Stops watching: call once done, whatever happened. */
  cancel(): void;
}

/**
 * Operations' ends as the database announces them: a trigger on `control_plane.operations`
 * notifies `operation_ended` with the id when one succeeds, fails or is cancelled. One
 * listening connection serves every waiter; a waiter holds no connection while it waits.
 */
export class OperationEnds {
  private readonly waiters = new Map<string, Set<() => void>>();
  private feed: NotificationFeed | undefined;

  private constructor(private readonly sql: Sql) {}

  /** Listens through `sql` (one connection of its own); {@link waitForEnd} reads through it too. */
  static async open(sql: Sql, options: { staleAfterMs?: number } = {}): Promise<OperationEnds> {
    const ends = new OperationEnds(sql);
    ends.feed = await openNotificationFeed(sql, 'operation_ended', {
      ...options,
      onMessage: (id) => ends.wake(id),
      // An end may have been announced while no one listened: every waiter looks again.
      onGap: () => {
        for (const id of [...ends.waiters.keys()]) ends.wake(id);
      },
    });
    return ends;
  }

  /** Waiting requests now. */
  get waiting(): number {
    let count = 0;
    for (const set of this.waiters.values()) count += set.size;
    return count;
  }

  /**
   * Starts watching `id`. Watch first, then read the operation: an end announced between the
   * read and the wait then still wakes it.
   */
  watch(id: string): EndWatch {
    let woken = false;
    let wake: (() => void) | undefined;
    const waiter = () => {
      woken = true;
      wake?.();
    };
    let set = this.waiters.get(id);
    if (set === undefined) this.waiters.set(id, (set = new Set()));
    set.add(waiter);
    const cancel = () => {
      set.delete(waiter);
      if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
    };
    return {
      next: (ms, signal) => {
        if (woken || signal?.aborted) {
          woken = false;
          return Promise.resolve();
        }
        const bound = this.feed?.trusted === true ? ms : Math.min(ms, UNTRUSTED_LOOK_AGAIN_MS);
        return new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            wake = undefined;
            woken = false;
            resolve();
          };
          const timer = setTimeout(done, Math.max(0, bound));
          signal?.addEventListener('abort', done, { once: true });
          wake = done;
        });
      },
      cancel,
    };
  }

  /**
   * Operation `id` once it has ended (`succeeded`, `failed`, `cancelled`), or as it is when
   * `waitMs` runs out or `signal` aborts; undefined when there is none. Read again each time
   * its end may have been announced (or, while the feed is not trusted, every half second),
   * holding no pooled connection in between.
   */
  async waitForEnd(id: string, waitMs: number, signal?: AbortSignal): Promise<OperationReport | undefined> {
    const deadline = performance.now() + waitMs;
    for (;;) {
      const watch = this.watch(id);
      try {
        const operation = await OperationStore.readWith(this.sql, id);
        const left = deadline - performance.now();
        if (operation === undefined || hasEnded(operation.status) || left <= 0 || signal?.aborted) return operation;
        await watch.next(left, signal);
      } finally {
        watch.cancel();
      }
    }
  }

  /** Stops listening; waiters end at their own bounds. */
  async close(): Promise<void> {
    await this.feed?.close();
  }

  private wake(id: string): void {
    const set = this.waiters.get(id);
    if (set !== undefined) for (const waiter of [...set]) waiter();
  }
}
