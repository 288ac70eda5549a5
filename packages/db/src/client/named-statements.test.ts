import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../testing/test-database-url.js';
import { createControlPlaneClient, type ControlPlaneClient } from './control-plane-client.js';

let client: ControlPlaneClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
});

/** The statements prepared on the client's one connection. */
async function prepared(of: ControlPlaneClient): Promise<string[]> {
  const rows = await of.sql<{ statement: string }[]>`select statement from pg_prepared_statements`;
  return rows.map((row) => row.statement);
}

describe('Drizzle over the control-plane pool', () => {
  it('sends every statement named, with parameters or without, in transactions too', async () => {
    client = createControlPlaneClient({ url: testDatabaseUrl(), max: 1 });
    const tag = `n${process.pid}`;
    await client.db.execute(sql.raw(`select '${tag} without parameters' as x`));
    await client.db.execute(sql`select ${`${tag} with one`}::text as x`);
    await client.db.transaction((tx) => tx.execute(sql.raw(`select '${tag} in a transaction' as x`)));

    // postgres.js sends a statement without parameters by the simple protocol unless told
    // otherwise (3.4.9 and 4.x alike), which prepares nothing: the first and the last would
    // be missing.
    expect(await prepared(client)).toEqual(
      expect.arrayContaining([
        `select '${tag} without parameters' as x`,
        'select $1::text as x',
        `select '${tag} in a transaction' as x`,
      ]),
    );
  });
});
