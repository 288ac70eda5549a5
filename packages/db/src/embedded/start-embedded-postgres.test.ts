import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../testing/test-database-url.js';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import { startEmbeddedPostgres } from './start-embedded-postgres.js';

describe('the test database harness', () => {
  it('gives every test a reachable PostgreSQL', async () => {
    const sql = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ one: number }[]>`select 1 as one`;
      expect(row?.one).toBe(1);
    } finally {
      await sql.end();
    }
  });
});

describe('startEmbeddedPostgres', () => {
  const dir = mkdtempSync(join(tmpdir(), 'org-db-embedded-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('enforces scram-sha-256 passwords and restarts a persistent directory', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dir, durable: false });
    try {
      const good = postgres(first.url, { max: 1, onnotice: () => {} });
      await good`create table kept (n int)`;
      await good`insert into kept values (42)`;
      await good.end();
      const bad = postgres(first.url.replace(encodeURIComponent(first.password), 'wrong'), { max: 1 });
      await expect(bad`select 1`).rejects.toMatchObject({ code: '28P01' });
      await bad.end();
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir: dir, durable: false });
    try {
      const sql = postgres(second.url, { max: 1 });
      expect(await sql`select n from kept`).toEqual([{ n: 42 }]);
      await sql.end();
    } finally {
      await second.stop();
    }
  });

  it('starts again after its parent was killed with SIGKILL', async () => {
    // A child process starts the server and is killed: its postmaster is orphaned.
    const script = `
      import { startEmbeddedPostgres } from ${JSON.stringify(join(import.meta.dirname, 'start-embedded-postgres.ts'))};
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)}, durable: false });
      console.log('READY ' + server.port);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('READY')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const pidFile = join(dir, 'pgdata', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    const orphan = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);

    const server = await startEmbeddedPostgres({ dataDir: dir, durable: false });
    try {
      const sql = postgres(server.url, { max: 1 });
      expect(await sql`select n from kept`).toEqual([{ n: 42 }]);
      await sql.end();
      expect(() => process.kill(orphan, 0)).toThrow();
    } finally {
      await server.stop();
    }
  });

  it('refuses a second start on a running directory, and never signals the running server', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dir, durable: false });
    try {
      const second = startEmbeddedPostgres({ dataDir: dir, durable: false });
      await expect(second).rejects.toBeInstanceOf(EmbeddedPostgresError);
      const refusal = (await second.catch((error: unknown) => error)) as EmbeddedPostgresError;
      expect(refusal.failure).toBe('ALREADY_RUNNING');
      expect(refusal.message).toContain(`already running (pid ${first.pid}, port ${first.port})`);
      const sql = postgres(first.url, { max: 1 });
      expect(await sql`select n from kept`).toEqual([{ n: 42 }]);
      await sql.end();
    } finally {
      await first.stop();
    }
    expect(() => process.kill(first.pid, 0)).toThrow();
    expect(existsSync(join(dir, 'server.json'))).toBe(false);
  });

  it('names a busy port and leaves no server behind', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startEmbeddedPostgres({ dataDir: dir, port, durable: false })).rejects.toMatchObject({
        failure: 'PORT_IN_USE',
        port,
      });
      expect(existsSync(join(dir, 'server.json'))).toBe(false);
      expect(existsSync(join(dir, 'pgdata', 'postmaster.pid'))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  // As root the server runs as `postgres`, who cannot enter a 0700 directory of root's
  // (a clone in /root, say): the cluster moves to RELOCATION_ROOT, the password stays here.
  it.runIf(process.getuid?.() === 0)('starts as root under a private (0700) directory', async () => {
    const privateDir = mkdtempSync(join(tmpdir(), 'org-db-private-'));
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    const tempBefore = readdirSync(tmpdir()).filter((name) => name.startsWith('pg-password-'));
    const server = await startEmbeddedPostgres({ dataDir: join(privateDir, 'clone', '.data'), durable: false });
    try {
      expect(server.pgdata.startsWith(join(privateDir, 'clone'))).toBe(false);
      const sql = postgres(server.url, { max: 1 });
      expect(await sql`select current_user`).toEqual([{ current_user: 'postgres' }]);
      await sql.end();
      expect(statSync(join(server.dataDir, 'embedded-superuser-password')).mode & 0o777).toBe(0o600);
    } finally {
      await server.stop();
      rmSync(dirname(server.pgdata), { recursive: true, force: true });
      rmSync(privateDir, { recursive: true, force: true });
    }
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('pg-password-'))).toEqual(tempBefore);
  });
});
