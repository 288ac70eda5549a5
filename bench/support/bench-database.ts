import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@org/db';

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
