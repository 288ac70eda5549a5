import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { testDatabaseUrl } from './test-database-url.js';

/** An empty database of its own on the test run's server. */
export interface TestDatabase {
  name: string;
  /** The server's superuser URL, pointed at this database. */
  url: string;
  /** Drops it, closing whatever is still connected. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database, for tests that must not see what other packages' tests
 * migrated into the shared one (a `DATABASE_URL` run puts every package on one database).
 */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const sql = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}
