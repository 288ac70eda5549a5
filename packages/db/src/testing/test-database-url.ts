import { inject } from 'vitest';

/** The URL of the PostgreSQL the current test run uses (see the global setup). */
export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

/**
 * The secret key of this test run, base64: one per run, as one control plane has one key.
 * Every process of a control plane must share it (the platform's role on tenant clusters
 * is derived from it), so tests share it too: contexts, workers and child processes alike.
 */
export function testSecretKey(): string {
  return inject('secretKey');
}
