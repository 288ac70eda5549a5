import type { Sql, TransactionSql } from 'postgres';
import type { ApiKeyRecord } from './api-key-record.js';

/** A lookup that can be given up: what `withinLimit` races against its limit. */
export type KeyLookup = Promise<ApiKeyRecord | null> & { cancel(): void };

// At most this many keys in one query: a queue longer than that goes out in several.
const MAX_KEYS_PER_QUERY = 256;

/**
 * At most this many lookups wait in a pool's queue. While the pool's connections hang (a
 * partition), nothing leaves the queue, and a verification that gives up stays in it until
 * the next query is made: without a bound, a busy service would keep every verification of
 * the whole partition in memory. Past it, a lookup is refused at once (`unavailable`, with
 * the reason as its `error`), after the queue is rid of those given up when there are many.
 */
export const MAX_QUEUED_LOOKUPS = 10_000;

/** Those given up are dropped from a full queue when at least this many are (each drop costs a pass). */
const DROP_GIVEN_UP_AT = MAX_QUEUED_LOOKUPS / 10;

/**
 * What verification judges a key by, selected in the shape of {@link ApiKeyRecord}: judged
 * in the database where it can be (booleans, epoch milliseconds, which parse for free where
 * timestamps would cost a Date each). Raw postgres.js rather than Drizzle's builder, which
 * cost 3-4x the query itself here (bench/api-keys), for statements that never change.
 */
const RECORD_COLUMNS = `k.id, k.project_id as "projectId", k.scopes,
  not k.is_active or k.revoked_at is not null as revoked,
  (extract(epoch from k.expires_at) * 1000)::float8 as "expiresAt",
  (extract(epoch from k.last_used) * 1000)::float8 as "lastUsed", k.replaced_by is not null as rotated,
  (select case when s.deleted_at is not null then 'deleted' when s.suspended then 'suspended' end
     from control_plane.api_key_suspensions s where s.project_id = k.project_id::text) as held`;

// One key: the lookup of an idle pool.
const LOOKUP_ONE = `select ${RECORD_COLUMNS} from control_plane.api_keys k where k.key_hash = $1 limit 1`;

// Several keys: a list of parameters, its length rounded up to a power of two (the last key
// repeated) so nine prepared statements serve every batch. The same lookup as `= any($1)` of
// an array, or an `unnest` of one, took about twice as long per query here (measured, not
// explained: 7,000 queries/s of one key against 15,000 for a list of one).
const lookupsOfMany = new Map<number, string>();
function lookupMany(keys: number): string {
  const size = paddedSize(keys);
  let text = lookupsOfMany.get(size);
  if (text === undefined) {
    const list = Array.from({ length: size }, (_, i) => `$${i + 1}`).join(', ');
    text = `select k.key_hash as hash, ${RECORD_COLUMNS} from control_plane.api_keys k where k.key_hash in (${list})`;
    lookupsOfMany.set(size, text);
  }
  return text;
}

function paddedSize(keys: number): number {
  return 2 ** Math.ceil(Math.log2(keys));
}

function padded(members: Member[]): string[] {
  const hashes = members.map((member) => member.hash);
  const size = paddedSize(hashes.length);
  while (hashes.length < size) hashes.push(hashes[hashes.length - 1]!);
  return hashes;
}

type KeyRow = ApiKeyRecord & { hash: string };

// The record of the key of hash `hash` among `rows`, without the hash: what a cache keeps.
function recordOf(rows: KeyRow[], hash: string): ApiKeyRecord | null {
  for (const row of rows) {
    if (row.hash !== hash) continue;
    const { id, projectId, scopes, revoked, expiresAt, lastUsed, rotated, held } = row;
    return { id, projectId, scopes, revoked, expiresAt, lastUsed, rotated, held };
  }
  return null;
}

interface Member {
  hash: string;
  resolve(record: ApiKeyRecord | null): void;
  reject(error: unknown): void;
  // Undefined while it waits in the queue: giving up there only marks it gone, and the
  // queue drops it when the next query is made (no search through a long queue).
  batch: Batch | undefined;
  gone: boolean;
}

interface Batch {
  members: Member[];
  cancel(): void;
  /** Counted among the `maxInFlight` no more: answered, failed, stalled, or given up by all. */
  released: boolean;
  /** Counted among the stalled: out, unanswered, its place given to the next lookups. */
  stalled: boolean;
  settled: boolean;
  timer: NodeJS.Timeout;
}

/** A lookup query out this long gives its place to the next ones (it goes on for its own). */
const STALL_MS = 100;

/**
 * Verification's lookups on one pool. A lookup goes to the database at once while fewer
 * than `maxInFlight` of these queries are on their way (a quarter of the pool); past that
 * it waits, and the ones that waited go out together, as one query for all their keys, when
 * a query comes back. So an idle pool answers a lookup as one query always did, and a
 * loaded one pays PostgreSQL's and the client's per-query work once for several
 * verifications instead of once each, and leaves most of the pool to the rest of the
 * application. In bench/api-keys (16 callers, a pool of 8, 2 cores) a quarter did best
 * (`docs/performance.md`, "Lookups shared under load").
 *
 * A query that does not come back (a connection cut off, whose cancel cannot reach the
 * server either) must not hold the others back: one out longer than {@link STALL_MS}, or
 * that all its verifications have given up, gives its place to the next lookups, which go
 * out on the pool's other connections. Never more lookup queries unanswered than the pool
 * has connections, though: past that, lookups wait in the queue (each until its own limit),
 * up to {@link MAX_QUEUED_LOOKUPS} of them.
 */
class KeyLookups {
  private inFlight = 0;
  private stalled = 0;
  private queued: Member[] = [];
  /** Of `queued`, how many were given up (counted when given up, recounted when dropped). */
  private queuedGone = 0;

  constructor(
    private readonly sql: Sql | TransactionSql,
    private readonly maxInFlight: number,
    private readonly poolSize: number,
  ) {}

  lookup(hash: string): KeyLookup {
    let member!: Member;
    const promise = new Promise<ApiKeyRecord | null>((resolve, reject) => {
      member = { hash, resolve, reject, batch: undefined, gone: false };
    }) as KeyLookup;
    promise.cancel = () => this.giveUp(member);
    if (this.inFlight < this.maxInFlight) this.send([member]);
    else if (this.hasRoom()) this.queued.push(member);
    else
      this.refuse([member], new Error(`${MAX_QUEUED_LOOKUPS} key lookups already wait for the database: not queued`));
    return promise;
  }

  /** Lookups answered with `error` before any query took them: marked gone, so giving up later counts nothing. */
  private refuse(members: Member[], error: unknown): void {
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

  /** A verification stopped waiting (its limit, its signal): its query goes on for the others sent with it. */
  private giveUp(member: Member): void {
    if (member.gone) return;
    member.gone = true;
    const { batch } = member;
    if (batch === undefined) this.queuedGone++;
    if (batch === undefined || batch.settled || !batch.members.every((other) => other.gone)) return;
    batch.cancel();
    this.stall(batch);
  }

  private send(members: Member[]): void {
    let query: Promise<(ApiKeyRecord | KeyRow)[]> & { cancel(): unknown };
    try {
      query =
        members.length === 1
          ? this.sql.unsafe<ApiKeyRecord[]>(LOOKUP_ONE, [members[0]!.hash], { prepare: true })
          : this.sql.unsafe<KeyRow[]>(lookupMany(members.length), padded(members), { prepare: true });
    } catch (error) {
      this.refuse(members, error);
      return;
    }
    this.inFlight++;
    const batch: Batch = {
      members,
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
        if (members.length === 1) members[0]!.resolve((rows as ApiKeyRecord[])[0] ?? null);
        else for (const member of members) member.resolve(recordOf(rows as KeyRow[], member.hash));
        this.settle(batch);
      },
      (error: unknown) => {
        const shared = members.length === 1 ? error : withoutParameters(error);
        for (const member of members) member.reject(shared);
        this.settle(batch);
      },
    );
  }

  /** A query out too long, or abandoned: its place goes to the next lookups while the pool has room. */
  private stall(batch: Batch): void {
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

  private settle(batch: Batch): void {
    batch.settled = true;
    clearTimeout(batch.timer);
    if (batch.stalled) this.stalled--;
    this.release(batch);
  }

  private release(batch: Batch): void {
    if (batch.released) return;
    batch.released = true;
    this.inFlight--;
    const next = this.takeQueued();
    if (next.length > 0) this.send(next);
  }

  /** The next query's lookups: the longest waiting, past those given up. */
  private takeQueued(): Member[] {
    const taken: Member[] = [];
    let at = 0;
    let dropped = 0;
    while (at < this.queued.length && taken.length < MAX_KEYS_PER_QUERY) {
      const member = this.queued[at++]!;
      if (member.gone) dropped++;
      else taken.push(member);
    }
    this.queued.splice(0, at);
    this.queuedGone -= dropped;
    return taken;
  }
}

/**
 * A failed query's error as every verification on it gets it: without the query's
 * parameters (postgres.js keeps them on the error), which are the other callers' key
 * hashes, for a service's log of one request to carry.
 */
function withoutParameters(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  for (const field of ['parameters', 'args']) {
    if (field in error) Reflect.deleteProperty(error, field);
  }
  return error;
}

const lookupsByPool = new WeakMap<Sql | TransactionSql, KeyLookups>();

/**
 * The row `verifyApiKey` judges the key of hash `hash` by, or null when no key has it:
 * through the pool's {@link KeyLookups}, so concurrent lookups share queries under load.
 */
export function lookUpKey(sql: Sql | TransactionSql, hash: string): KeyLookup {
  let lookups = lookupsByPool.get(sql);
  if (lookups === undefined) {
    const poolSize = ('options' in sql ? sql.options.max : undefined) ?? 10;
    lookups = new KeyLookups(sql, Math.max(1, Math.floor(poolSize / 4)), poolSize);
    lookupsByPool.set(sql, lookups);
  }
  return lookups.lookup(hash);
}
