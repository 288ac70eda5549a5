import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../embedded/start-embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the PostgreSQL this test run uses. */
    databaseUrl: string;
    /** The control plane's key for this run, base64 (see `testSecretKey`). */
    secretKey: string;
  }
}

/**
 * Vitest global setup: one PostgreSQL for the whole test run. `DATABASE_URL` when set,
 * otherwise an embedded server in a temporary directory, stopped and removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('secretKey', randomBytes(32).toString('base64'));
  const external = process.env['DATABASE_URL'];
  if (external) {
    project.provide('databaseUrl', external);
    return async () => {};
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'org-db-test-'));
  const server = await startEmbeddedPostgres({ dataDir, durable: false });
  project.provide('databaseUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
