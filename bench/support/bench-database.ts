import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@org/db';
import postgres from 'postgres';

/** A PostgreSQL for one benchmark run: `DATABASE_URL`, or an embedded server (fsync on). */
export async function benchDatabase(): Promise<{ url: string; description: string; stop(): Promise<void> }> {
  const external = process.env['DATABASE_URL'];
  if (external) return { url: external, description: 'DATABASE_URL', stop: async () => {} };
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  const server = await startEmbeddedPostgres({ dataDir });
  return {
    url: server.url,
    description: `embedded PostgreSQL on port ${server.port} (fsync on)`,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An empty database of its own on the bench server, for a part that must not share one. */
export async function benchScratchDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}
