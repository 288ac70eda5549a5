import { SharedLookups, type SharedLookup } from '@org/db';
import type { Sql, TransactionSql } from 'postgres';
import type { ApiKeyRecord } from './api-key-record.js';

/** A lookup that can be given up: what `withinLimit` races against its limit. */
export type KeyLookup = SharedLookup<ApiKeyRecord>;

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

// Several keys: a list of parameters (as many as `SharedLookups` pads a batch to: a power of
// two, so nine prepared statements serve every batch). The same lookup as `= any($1)` of
// an array, or an `unnest` of one, took about twice as long per query here (measured, not
// explained: 7,000 queries/s of one key against 15,000 for a list of one).
const lookupsOfMany = new Map<number, string>();
function lookupMany(size: number): string {
  let text = lookupsOfMany.get(size);
  if (text === undefined) {
    const list = Array.from({ length: size }, (_, i) => `$${i + 1}`).join(', ');
    text = `select k.key_hash as hash, ${RECORD_COLUMNS} from control_plane.api_keys k where k.key_hash in (${list})`;
    lookupsOfMany.set(size, text);
  }
  return text;
}

type KeyRow = ApiKeyRecord & { hash: string };

// A row of either statement as the record a cache keeps: without the hash `lookupMany` adds.
function recordOf(row: ApiKeyRecord | KeyRow): ApiKeyRecord {
  if (!('hash' in row)) return row;
  const { id, projectId, scopes, revoked, expiresAt, lastUsed, rotated, held } = row;
  return { id, projectId, scopes, revoked, expiresAt, lastUsed, rotated, held };
}

const lookupsByPool = new WeakMap<Sql | TransactionSql, SharedLookups<ApiKeyRecord | KeyRow, ApiKeyRecord>>();

/**
 * The row `verifyApiKey` judges the key of hash `hash` by, or null when no key has it:
 * through the pool's `SharedLookups` (`@org/db`), so concurrent lookups share queries under
 * load.
 */
export function lookUpKey(sql: Sql | TransactionSql, hash: string): KeyLookup {
  let lookups = lookupsByPool.get(sql);
  if (lookups === undefined) {
    lookups = new SharedLookups<ApiKeyRecord | KeyRow, ApiKeyRecord>(
      sql,
      {
        one: (key) => sql.unsafe<ApiKeyRecord[]>(LOOKUP_ONE, [key], { prepare: true }),
        many: (keys) => sql.unsafe<KeyRow[]>(lookupMany(keys.length), keys, { prepare: true }),
        keyOf: (row) => (row as KeyRow).hash,
        valueOf: recordOf,
      },
      { what: 'key lookups' },
    );
    lookupsByPool.set(sql, lookups);
  }
  return lookups.lookup(hash);
}
