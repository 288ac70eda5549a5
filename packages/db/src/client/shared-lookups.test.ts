import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../testing/test-database-url.js';
import { SharedLookups } from './shared-lookups.js';

/**
 * The lookups' contract with their two statements, on a table of three rows written inline.
 * A pool of 2 lets one lookup query be on its way at a time, so what queues behind it is
 * plain to see; the pool records the keys each query carried. `@org/api-keys`'
 * look-up-key.test.ts covers giving up, stalled queries and the queue's bound.
 */
let sql: Sql;
const sent: string[][] = [];
beforeAll(() => {
  sql = postgres(testDatabaseUrl(), {
    max: 2,
    onnotice: () => {},
    debug: (_connection, query, parameters) => {
      if (query.includes('shared_lookup_rows')) sent.push(parameters.map(String));
    },
  });
});
afterAll(async () => {
  await sql.end();
});

const ROWS = () => sql`(values ('a', 1), ('b', 2), ('c', 3)) as shared_lookup_rows (k, v)`;

function lookups(): SharedLookups<{ k: string; v: number }, number> {
  return new SharedLookups(
    sql,
    {
      one: (key) => sql<{ k: string; v: number }[]>`select k, v from ${ROWS()} where k = ${key}`,
      first: (rows) => rows[0]?.v ?? null,
      many: (keys) => sql<{ k: string; v: number }[]>`select k, v from ${ROWS()} where k in ${sql(keys)}`,
      pick: (rows, key) => rows.find((row) => row.k === key)?.v ?? null,
    },
    { what: 'test lookups' },
  );
}

describe('SharedLookups', () => {
  it('sends what queued as one statement of its distinct keys, padded, and answers each caller for its own key', async () => {
    const shared = lookups();
    sent.length = 0;
    const keys = ['a', 'b', 'a', 'c', 'zz', 'b', 'a'];
    expect(await Promise.all(keys.map((key) => shared.lookup(key)))).toEqual([1, 2, 1, 3, null, 2, 1]);
    // The first alone; the six behind it carried b, a, c and zz once each (4, a power of two).
    expect(sent).toEqual([['a'], ['b', 'a', 'c', 'zz']]);
  });

  it('sends a queue of one key as the statement of one, and pads three keys to four', async () => {
    const shared = lookups();
    sent.length = 0;
    expect(await Promise.all(['c', 'b', 'b', 'b'].map((key) => shared.lookup(key)))).toEqual([3, 2, 2, 2]);
    expect(await Promise.all(['c', 'a', 'b', 'zz'].map((key) => shared.lookup(key)))).toEqual([3, 1, 2, null]);
    expect(sent).toEqual([['c'], ['b'], ['c'], ['a', 'b', 'zz', 'zz']]);
  });
});
