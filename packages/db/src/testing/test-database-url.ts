import { inject } from 'vitest';

/** The URL of the PostgreSQL the current test run uses (see the global setup). */
export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}
