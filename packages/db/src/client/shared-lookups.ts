import type { Sql, TransactionSql } from 'postgres';

/** A query that can be given up: what postgres.js' tagged template and `unsafe` return. */
export type CancellableQuery<T> = Promise<T> & { cancel(): unknown };

/**
 * One caller's lookup. Not a promise with a `cancel` added: a promise given a property of
 * its own and awaited made the API's process keep three times the old-generation memory
 * under load, its minor collections three times as long (`docs/performance.md`).
 */
export interface SharedLookup<V> {
  /**
   * The key's row's value (null: none), or the query's error. Callers of one key answered by
   * one query share its value: treat it as read-only.
   */
  readonly answer: Promise<V | null>;
  /**
   * Stops waiting (a method: call it on the lookup): `answer` may then never settle, so race
   * it against your own limit (as `withinLimit` of `@org/api-keys` does). A query all its
   * callers gave up is cancelled.
   */
  cancel(): void;
}

/**
 * The two statements a {@link SharedLookups} sends, and how their rows answer each key: a
 * key's value is made from its first row, once per query however many callers asked for it,
 * and a key with no row is answered null.
 */
export interface SharedLookupQueries<Row, V> {
  /** The lookup of one key: what an idle pool sends, and a queue of one key. */
  one(key: string): CancellableQuery<Row[]>;
  /**
   * The lookup of several keys in one statement: 2 to {@link MAX_KEYS_PER_QUERY} distinct
   * ones, padded to a power of two with the last repeated, so that a few prepared statements
   * (one per length) serve every batch.
   */
  many(keys: string[]): CancellableQuery<Row[]>;
  /** The key a row of `many` answers, exactly as it was looked up (rows are told apart by it). */
  keyOf(row: Row): string;
  /** The value a row of `one` or `many` gives its key. */
  valueOf(row: Row): V;
}

export interface SharedLookupsOptions {
  /** Queries of these lookups on their way at once before the next ones queue (default: a quarter of the pool). */
  maxInFlight?: number;
  /** What is looked up, for the refusals ("key lookups"). */
  what: string;
  /**
   * A lookup that waited in the queue longer than this is refused when its turn comes
   * (default: never). For callers that move on at a limit of their own without calling
   * `cancel()` (an HTTP request answered 503 at its deadline): after a partition heals,
   * their lookups are not sent ahead of the live ones.
   */
  maxQueuedMs?: number;
}

/** At most this many distinct keys in one query: a queue with more goes out in several. */
export const MAX_KEYS_PER_QUERY = 256;

/**
 * At most this many lookups wait in the queue of one {@link SharedLookups}. While the pool's
 * connections hang (a partition), nothing leaves the queue, and a caller that gives up stays
 * in it until the next query is made: without a bound, a busy service would keep every
 * lookup of the whole partition in memory. Past it, a lookup is refused at once (rejected,
 * with the reason), after the queue is rid of those given up when there are many.
 */
export const MAX_QUEUED_LOOKUPS = 10_000;

/** Those given up are dropped from a full queue when at least this many are (each drop costs a pass). */
const DROP_GIVEN_UP_AT = MAX_QUEUED_LOOKUPS / 10;

/** A lookup query out this long gives its place to the next ones (it goes on for its own). */
const STALL_MS = 100;

class Member<V> implements SharedLookup<V> {
  readonly answer: Promise<V | null>;
  resolve!: (value: V | null) => void;
  reject!: (error: unknown) => void;
  // Undefined while it waits in the queue: giving up there only marks it gone, and the
  // queue drops it when the next query is made (no search through a long queue).
  batch: Batch<V> | undefined = undefined;
  gone = false;
  /** When it was queued (`performance.now()`), for `maxQueuedMs`; 0 when sent at once. */
  since = 0;

  constructor(
    readonly key: string,
    private readonly giveUp: (member: Member<V>) => void,
  ) {
    this.answer = new Promise<V | null>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  cancel(): void {
    this.giveUp(this);
  }
}

interface Batch<V> {
  members: Member<V>[];
  /** Of `members`, how many have not given up: at 0 the query is cancelled. */
  waiting: number;
  cancel(): void;
  /** Counted among the `maxInFlight` no more: answered, failed, stalled, or given up by all. */
  released: boolean;
  /** Counted among the stalled: out, unanswered, its place given to the next lookups. */
  stalled: boolean;
  settled: boolean;
  timer: NodeJS.Timeout;
}

/**
 * Lookups by key on one pool that share queries under load. A lookup goes to the database
 * at once while fewer than `maxInFlight` of these queries are on their way (a quarter of the
 * pool); past that it waits, and the ones that waited go out together, as one query for all
 * their distinct keys, when a query comes back. So an idle pool answers a lookup as one
 * query always did, and a loaded one pays PostgreSQL's and the client's per-query work once
 * for several callers instead of once each, and leaves most of the pool to the rest of the
 * application. In bench/api-keys (16 callers, a pool of 8, 2 cores) a quarter did best
 * (`docs/performance.md`, "Lookups shared under load").
 *
 * Every answer is as fresh as a query of its own: a lookup joins only a query not yet sent,
 * so the statement that answers it starts after it was asked, and sees every commit before.
 *
 * A query that does not come back (a connection cut off, whose cancel cannot reach the
 * server either) must not hold the others back: one out longer than {@link STALL_MS}, or
 * that all its callers have given up, gives its place to the next lookups, which go out on
 * the pool's other connections. Never more lookup queries unanswered than the pool has
 * connections, though: past that, lookups wait in the queue (each until its caller gives
 * up), up to {@link MAX_QUEUED_LOOKUPS} of them. These bounds are per instance: two instances
 * on one pool (the API's key and project lookups) each take their own quarter.
 */
export class SharedLookups<Row, V> {
  private inFlight = 0;
  private stalled = 0;
  private queued: Member<V>[] = [];
  /** Of `queued`, how many were given up (counted when given up, recounted when dropped). */
  private queuedGone = 0;
  private readonly maxInFlight: number;
  private readonly poolSize: number;
  private readonly giveUpMember = (member: Member<V>): void => this.giveUp(member);

  constructor(
    sql: Sql | TransactionSql,
    private readonly queries: SharedLookupQueries<Row, V>,
    private readonly options: SharedLookupsOptions,
  ) {
    this.poolSize = ('options' in sql ? sql.options.max : undefined) ?? 10;
    this.maxInFlight = options.maxInFlight ?? Math.max(1, Math.floor(this.poolSize / 4));
  }

  /** Looks `key` up: `answer` is its row's value, or null when there is none. */
  lookup(key: string): SharedLookup<V> {
    const member = new Member<V>(key, this.giveUpMember);
    if (this.inFlight < this.maxInFlight) this.send([member]);
    else if (this.hasRoom()) {
      if (this.options.maxQueuedMs !== undefined) member.since = performance.now();
      this.queued.push(member);
    } else
      this.refuse(
        [member],
        new Error(`${MAX_QUEUED_LOOKUPS} ${this.options.what} already wait for the database: not queued`),
      );
    return member;
  }

  /** Lookups answered with `error` before any query took them: marked gone, so giving up later counts nothing. */
  private refuse(members: Member<V>[], error: unknown): void {
    for (const member of members) {
      member.gone = true;
      member.reject(error);
    }
  }

  /** Whether the queue takes one more lookup: below its bound, once those given up are dropped. */
  private hasRoom(): boolean {
    if (this.queued.length < MAX_QUEUED_LOOKUPS) return true;
    if (this.queuedGone < DROP_GIVEN_UP_AT) return false;
    this.queued = this.queued.filter((member) => !member.gone);
    this.queuedGone = 0;
    return this.queued.length < MAX_QUEUED_LOOKUPS;
  }

  /** A caller stopped waiting (its limit, its signal): its query goes on for the others sent with it. */
  private giveUp(member: Member<V>): void {
    if (member.gone) return;
    member.gone = true;
    const { batch } = member;
    if (batch === undefined) this.queuedGone++;
    if (batch === undefined || batch.settled || --batch.waiting > 0) return;
    batch.cancel();
    this.stall(batch);
  }

  private send(members: Member<V>[]): void {
    const keys = distinctKeys(members);
    let query: CancellableQuery<Row[]>;
    try {
      query = keys.length === 1 ? this.queries.one(keys[0]!) : this.queries.many(padded(keys));
    } catch (error) {
      this.refuse(members, error);
      return;
    }
    this.inFlight++;
    const batch: Batch<V> = {
      members,
      waiting: members.length,
      cancel: () => void Promise.resolve(query.cancel()).catch(() => undefined),
      released: false,
      stalled: false,
      settled: false,
      timer: setTimeout(() => this.stall(batch), STALL_MS),
    };
    batch.timer.unref();
    for (const member of members) member.batch = batch;
    query.then(
      (rows) => {
        try {
          if (keys.length === 1) {
            const value = rows[0] === undefined ? null : this.queries.valueOf(rows[0]);
            for (const member of members) member.resolve(value);
          } else {
            const values = this.valuesByKey(rows);
            for (const member of members) member.resolve(values.get(member.key) ?? null);
          }
        } catch (error) {
          // A row `keyOf` or `valueOf` could not take: its callers hear why rather than wait
          // forever, and the query's place is given back all the same.
          for (const member of members) member.reject(error);
        }
        this.settle(batch);
      },
      (error: unknown) => {
        const shared = members.length === 1 ? error : withoutParameters(error);
        for (const member of members) member.reject(shared);
        this.settle(batch);
      },
    );
  }

  /** Each key's value from the rows of `many`, made once (its callers share it), in one pass over the rows. */
  private valuesByKey(rows: Row[]): Map<string, V> {
    const values = new Map<string, V>();
    for (const row of rows) {
      const key = this.queries.keyOf(row);
      if (!values.has(key)) values.set(key, this.queries.valueOf(row));
    }
    return values;
  }

  /** A query out too long, or abandoned: its place goes to the next lookups while the pool has room. */
  private stall(batch: Batch<V>): void {
    if (batch.released || batch.settled) return;
    if (this.inFlight + this.stalled >= this.poolSize) {
      // No room now: every connection holds a lookup not come back. Asked again a stall
      // later, when one of the stalled ones may have, or this one would keep the queue
      // waiting on it for as long as it hangs.
      clearTimeout(batch.timer);
      batch.timer = setTimeout(() => this.stall(batch), STALL_MS);
      batch.timer.unref();
      return;
    }
    batch.stalled = true;
    this.stalled++;
    this.release(batch);
  }

  private settle(batch: Batch<V>): void {
    batch.settled = true;
    clearTimeout(batch.timer);
    if (batch.stalled) this.stalled--;
    this.release(batch);
  }

  private release(batch: Batch<V>): void {
    if (batch.released) return;
    batch.released = true;
    this.inFlight--;
    const next = this.takeQueued();
    if (next.length > 0) this.send(next);
  }

  /**
   * The next query's lookups: the longest waiting, up to {@link MAX_KEYS_PER_QUERY} keys,
   * past those given up and refusing those queued longer than `maxQueuedMs`.
   */
  private takeQueued(): Member<V>[] {
    const taken: Member<V>[] = [];
    const keys = new Set<string>();
    const { maxQueuedMs } = this.options;
    const queuedBefore = maxQueuedMs === undefined ? -Infinity : performance.now() - maxQueuedMs;
    let at = 0;
    let dropped = 0;
    while (at < this.queued.length) {
      const member = this.queued[at]!;
      if (member.gone) dropped++;
      else if (member.since < queuedBefore) {
        this.refuse([member], new Error(`${this.options.what}: waited more than ${maxQueuedMs} ms for the database`));
      } else if (keys.size < MAX_KEYS_PER_QUERY || keys.has(member.key)) {
        keys.add(member.key);
        taken.push(member);
      } else break;
      at++;
    }
    this.queued.splice(0, at);
    this.queuedGone -= dropped;
    return taken;
  }
}

/** The keys of `members`, each once, in the order first asked. */
function distinctKeys<V>(members: Member<V>[]): string[] {
  if (members.length === 1) return [members[0]!.key];
  return [...new Set(members.map((member) => member.key))];
}

function padded(keys: string[]): string[] {
  const list = [...keys];
  const size = 2 ** Math.ceil(Math.log2(keys.length));
  while (list.length < size) list.push(keys[keys.length - 1]!);
  return list;
}

/**
 * A failed query's error as every caller on it gets it: without the query's parameters
 * (postgres.js keeps them on the error), which are the other callers' keys, for a service's
 * log of one request to carry. PostgreSQL's own message may still quote a value it could not
 * take (`invalid input syntax for type uuid: "..."`): check keys' shape before they are
 * looked up.
 */
function withoutParameters(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  for (const field of ['parameters', 'args']) {
    if (field in error) Reflect.deleteProperty(error, field);
  }
  return error;
}
