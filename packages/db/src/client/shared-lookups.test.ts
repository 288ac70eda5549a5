import { randomBytes } from 'node:crypto';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../testing/test-database-url.js';
import { waitFor } from '../testing/wait-for.js';
import { SharedLookups, type SharedLookupQueries } from './shared-lookups.js';

/**
 * The lookups' contract with their two statements, on a table of a few rows. A pool of 2
 * lets one lookup query be on its way at a time, so what queues behind it is plain to see;
 * the pool records the parameters each query carried. `@org/api-keys`' look-up-key.test.ts
 * covers giving up, stalled queries and the queue's bound.
 */
const TABLE = `shared_lookup_rows_${randomBytes(4).toString('hex')}`;
let sql: Sql;
let admin: Sql;
const sent: string[][] = [];
beforeAll(async () => {
  admin = postgres(testDatabaseUrl(), { max: 2, onnotice: () => {} });
  await admin.unsafe(`create table ${TABLE} (k text primary key, v int not null);
    insert into ${TABLE} values ('a', 1), ('b', 2), ('c', 3), ('zero', 0)`);
  sql = postgres(testDatabaseUrl(), {
    max: 2,
    onnotice: () => {},
    debug: (_connection, query, parameters) => {
      if (query.includes(TABLE)) sent.push(parameters.map(String));
    },
  });
});
afterAll(async () => {
  await sql.end();
  await admin.unsafe(`drop table ${TABLE}`);
  await admin.end();
});

type Row = { k: string; v: number };

// `10 / v` fails for the row of 0; `pg_sleep` holds a query on its way after its snapshot is
// taken (its seconds are the first parameter of the one-key statement).
const queries = (sleepSeconds = 0): SharedLookupQueries<Row, number> => ({
  one: (key) => sql<Row[]>`select k, 10 / v as v, pg_sleep(${sleepSeconds}) from ${sql(TABLE)} where k = ${key}`,
  many: (keys) => sql<Row[]>`select k, 10 / v as v from ${sql(TABLE)} where k in ${sql(keys)}`,
  keyOf: (row) => row.k,
  valueOf: (row) => row.v,
});

describe('SharedLookups', () => {
  it('sends what queued as one statement of its distinct keys, padded, and answers each caller for its own key', async () => {
    const shared = new SharedLookups(sql, queries(), { what: 'test lookups' });
    sent.length = 0;
    const keys = ['a', 'b', 'a', 'c', 'none', 'b', 'a'];
    expect(await Promise.all(keys.map((key) => shared.lookup(key).answer))).toEqual([10, 5, 10, 3, null, 5, 10]);
    // The first alone; the six behind it carried b, a, c and none once each (4, a power of two).
    expect(sent).toEqual([
      ['0', 'a'],
      ['b', 'a', 'c', 'none'],
    ]);
  });

  it('sends a queue of one key as the statement of one, and pads three keys to four', async () => {
    const shared = new SharedLookups(sql, queries(), { what: 'test lookups' });
    sent.length = 0;
    expect(await Promise.all(['c', 'b', 'b', 'b'].map((key) => shared.lookup(key).answer))).toEqual([3, 5, 5, 5]);
    expect(await Promise.all(['c', 'a', 'b', 'none'].map((key) => shared.lookup(key).answer))).toEqual([
      3,
      10,
      5,
      null,
    ]);
    expect(sent).toEqual([
      ['0', 'c'],
      ['0', 'b'],
      ['0', 'c'],
      ['a', 'b', 'none', 'none'],
    ]);
  });

  it('makes each key’s value once per query and gives all its callers that one value', async () => {
    const made: string[] = [];
    const shared = new SharedLookups<Row, Row>(
      sql,
      { ...queries(), valueOf: (row) => (made.push(row.k), { k: row.k, v: row.v }) },
      { what: 'test lookups' },
    );
    sent.length = 0;
    const [c, a1, b, a2, none, a3] = await Promise.all(
      ['c', 'a', 'b', 'a', 'none', 'a'].map((key) => shared.lookup(key).answer),
    );
    expect(sent).toEqual([
      ['0', 'c'],
      ['a', 'b', 'none', 'none'],
    ]);
    expect(made.sort()).toEqual(['a', 'b', 'c']);
    expect([c, a1, b, none]).toEqual([{ k: 'c', v: 3 }, { k: 'a', v: 10 }, { k: 'b', v: 5 }, null]);
    expect(a2).toBe(a1);
    expect(a3).toBe(a1);
  });

  it('fails the callers of a query whose row valueOf throws on, and sends the next', async () => {
    const shared = new SharedLookups<Row, number>(
      sql,
      {
        ...queries(),
        valueOf: (row) => {
          if (row.k === 'b') throw new Error('a row it cannot take');
          return row.v;
        },
      },
      { what: 'test lookups' },
    );
    const answers = await Promise.allSettled(['c', 'a', 'b', 'b'].map((key) => shared.lookup(key).answer));
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    expect((answers[1] as PromiseRejectedResult).reason).toEqual(new Error('a row it cannot take'));
    expect(await Promise.all(['a', 'c'].map((key) => shared.lookup(key).answer))).toEqual([10, 3]);
  });

  it('answers a lookup asked after a change with a query sent after it, not the one on its way', async () => {
    const shared = new SharedLookups(sql, queries(0.5), { what: 'test lookups' });
    sent.length = 0;
    const before = shared.lookup('a').answer;
    await waitFor(() => sent.length === 1, { what: 'the first lookup sent', timeoutMs: 5_000, intervalMs: 5 });
    await admin.unsafe(`update ${TABLE} set v = 2 where k = 'a'`);
    const after = shared.lookup('a').answer;
    try {
      // The first query took its snapshot before the change, and sleeps past it.
      expect(await before).toBe(10);
      expect(await after).toBe(5);
    } finally {
      await admin.unsafe(`update ${TABLE} set v = 1 where k = 'a'`);
    }
  });

  it('fails every caller of a failed shared query without its parameters, and sends the next', async () => {
    const shared = new SharedLookups(sql, queries(), { what: 'test lookups' });
    const outcomes = await Promise.allSettled(['a', 'zero', 'b', 'zero'].map((key) => shared.lookup(key).answer));
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 10 });
    for (const outcome of outcomes.slice(1)) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as Error;
      expect(reason.message).toMatch(/division by zero/);
      expect(reason).not.toHaveProperty('parameters');
    }
    expect(await shared.lookup('b').answer).toBe(5);
  });

  it('refuses a lookup that waited longer than maxQueuedMs when its turn comes', async () => {
    // `b` waits behind `a` (0.3 s) until `a` stalls, at 100 ms at the earliest: a bound of
    // 100 ms itself raced that timer (CI once saw `b` sent), so it is half of it.
    const shared = new SharedLookups(sql, queries(0.3), { what: 'test lookups', maxQueuedMs: 50 });
    const [first, late] = await Promise.allSettled([shared.lookup('a').answer, shared.lookup('b').answer]);
    expect(first).toEqual({ status: 'fulfilled', value: 10 });
    expect(late).toMatchObject({
      status: 'rejected',
      reason: { message: 'test lookups: waited more than 50 ms for the database' },
    });
  });
});
