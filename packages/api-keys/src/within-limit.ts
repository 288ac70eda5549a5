import { performance } from 'node:perf_hooks';
import type { SharedLookup } from '@org/db';

/** What a query came to: its rows, its error, or undefined when the limit came first. */
export type LimitedAnswer<T> = { rows: T } | { error: unknown } | undefined;

/** How often the queries on their way are checked against their limits: a limit is kept to about this. */
const SWEEP_MS = 50;

// Any: each entry is settled with its own query's answer; the list only finds the late ones.
type AnyPending = Pending<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A query on its way, linked into the list the sweep walks. */
class Pending<T> {
  previous: AnyPending | undefined = undefined;
  next: AnyPending | undefined = undefined;
  private settled = false;
  /** Only made when the caller passed a signal. */
  readonly onAbort: (() => void) | undefined;

  constructor(
    readonly lookup: SharedLookup<T>,
    readonly deadline: number,
    private readonly resolve: (answer: LimitedAnswer<T | null>) => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.onAbort = signal === undefined ? undefined : () => this.giveUp();
  }

  settle(answer: LimitedAnswer<T | null>): void {
    if (this.settled) return;
    this.settled = true;
    leave(this);
    if (this.onAbort !== undefined) this.signal?.removeEventListener('abort', this.onAbort);
    this.resolve(answer);
  }

  giveUp(): void {
    if (this.settled) return;
    this.settle(undefined);
    this.lookup.cancel();
  }
}

// A doubly linked list rather than a Set: entering and leaving it allocates and hashes
// nothing. With a Set here, verification's p99 under bench/api-keys' load went from 2.5 to
// 6 ms and its throughput from 0.85x to 0.7x the bare query's; why a 16-entry Set did that is
// not understood, only measured.
let first: AnyPending | undefined;
let last: AnyPending | undefined;
let sweeper: NodeJS.Timeout | undefined;

function enter(pending: AnyPending): void {
  pending.previous = last;
  if (last === undefined) first = pending;
  else last.next = pending;
  last = pending;
}

function leave(pending: AnyPending): void {
  if (pending.previous === undefined) first = pending.next;
  else pending.previous.next = pending.next;
  if (pending.next === undefined) last = pending.previous;
  else pending.next.previous = pending.previous;
  pending.previous = pending.next = undefined;
}

function sweep(): void {
  const now = performance.now();
  let pending = first;
  while (pending !== undefined) {
    const next = pending.next;
    if (pending.deadline <= now) pending.giveUp();
    pending = next;
  }
  if (first === undefined) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

/**
 * The query's rows or its error; undefined when it takes longer than `timeoutMs` (to about
 * 50 ms) or `signal` aborts first, and the query is then cancelled (a connection that cannot
 * be made keeps trying in the pool, without holding the caller). One timer checks every
 * query on its way instead of a timer and a race of promises each: this runs on every
 * verification that asks the database.
 */
export function withinLimit<T>(
  lookup: SharedLookup<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<LimitedAnswer<T | null>> {
  return new Promise((resolve) => {
    const pending = new Pending(lookup, performance.now() + timeoutMs, resolve, signal);
    enter(pending);
    if (sweeper === undefined) {
      sweeper = setInterval(sweep, SWEEP_MS);
      sweeper.unref();
    }
    if (pending.onAbort !== undefined) signal!.addEventListener('abort', pending.onAbort, { once: true });
    lookup.answer.then(
      (rows) => pending.settle({ rows }),
      (error: unknown) => pending.settle({ error }),
    );
  });
}
