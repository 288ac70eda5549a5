import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { testDatabaseUrl, testSecretKey, waitFor } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The shipped CLI as its users run it: a child process per command, configured by the
// environment alone, with an embedded PostgreSQL in a data directory of the test's own
// (cases 1-5 of the newcomer and operator issue; the clone as root is tools/check-newcomer.sh).

const repo = join(import.meta.dirname, '../../..');
const cli = join(import.meta.dirname, '../src/cli.ts');
const pgPasswordFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('pg-password-'));

interface CliRun {
  child: ChildProcessByStdio<null, Readable, Readable>;
  output(): string;
  exited: Promise<number | null>;
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
}

function runCli(
  args: string[],
  env: Record<string, string>,
  command = [process.execPath, '--import', 'tsx', '--conditions=source', cli],
): CliRun {
  const [program, ...programArgs] = command as [string, ...string[]];
  const child = spawn(program, [...programArgs, ...args], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: '', HTTP_PORT: '0', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async waitForOutput(text, timeoutMs = 60_000) {
      await waitFor(
        () => {
          if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before "${text}":\n${output}`);
          return output;
        },
        { until: (seen) => seen.includes(text), what: `"${text}" in the output`, timeoutMs, intervalMs: 50 },
      );
    },
  };
}

/** Processes whose command line mentions `path` (a data directory): what a stop must leave none of. */
function processesUsing(path: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * Runs `query` (statements without parameters) as the tenant whose connection string it is, on
 * a connection of its own (a snapshot or a branch ends the tenant's sessions), and resolves
 * with the `body` column of the last statement's rows.
 */
async function asTenant(url: string, query: string): Promise<string[]> {
  const tenant = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await tenant.unsafe<{ body: string }[]>(query).finally(() => tenant.end({ timeout: 1 }));
  return rows.map((row) => row.body);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let dataDir: string;
let pgPasswordsBefore: string[];

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'worker-cli-'));
  // Reachable by the server's account when tests run as root, so that no cluster moves out
  // of this directory (that case has its own tests: @org/db's and tools/check-newcomer.sh).
  chmodSync(dataDir, 0o755);
  pgPasswordsBefore = pgPasswordFiles();
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  // No run of the CLI leaves a password file in the system temp directory.
  expect(pgPasswordFiles()).toEqual(pgPasswordsBefore);
});

describe('one embedded server per data directory', () => {
  it('a second start refuses with the running pid and port, and never stops the first', async () => {
    const dir = join(dataDir, 'two-starts');
    const port = await freePort();
    const first = runCli(['start'], { DATA_DIR: dir, EMBEDDED_PG_PORT: String(port) });
    await first.waitForOutput('"msg":"worker started"');
    const owner = JSON.parse(readFileSync(join(dir, 'postgres', 'server.json'), 'utf8')) as { postmasterPid: number };

    const second = runCli(['start'], { DATA_DIR: dir, EMBEDDED_PG_PORT: String(port) });
    expect(await second.exited).toBe(3);
    expect(second.output()).toContain(`already running (pid ${owner.postmasterPid}, port ${port})`);
    expect(second.output()).not.toMatch(/\n\s+at /); // one sentence, no stack

    // The first worker and its server are untouched: a command still reaches them.
    const status = runCli(['status', '00000000-0000-4000-8000-000000000000'], {
      DATA_DIR: dir,
      EMBEDDED_PG_PORT: String(port),
    });
    expect(await status.exited).toBe(1);
    expect(status.output()).toContain('does not exist');
    expect(first.child.exitCode).toBeNull();

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');
    expect(processesUsing(dir)).toEqual([]);
  });
});

describe('issue 34: a second terminal finds the running server, and says so in one line when there is none', () => {
  const apiCli = join(repo, 'apps/api/src/cli.ts');
  it('2: status and token list reach the server `start` runs on another port, from what it recorded in DATA_DIR', async () => {
    const dir = join(dataDir, 'other-port');
    const port = await freePort();
    const worker = runCli(['start'], { DATA_DIR: dir, EMBEDDED_PG_PORT: String(port) });
    try {
      await worker.waitForOutput('"msg":"worker started"');
      // The second terminal sets nothing but DATA_DIR: not the port.
      const status = runCli(['status', '00000000-0000-4000-8000-000000000000'], { DATA_DIR: dir });
      expect(await status.exited).toBe(1);
      expect(status.output()).toBe('project 00000000-0000-4000-8000-000000000000 does not exist\n');
      const tokens = runCli(['token', 'list'], { DATA_DIR: dir }, [
        process.execPath,
        '--import',
        'tsx',
        '--conditions=source',
        apiCli,
      ]);
      expect(await tokens.exited).toBe(0);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });

  it('2: with no server running for DATA_DIR, exit 3 and one line naming DATA_DIR', async () => {
    const dir = join(dataDir, 'nothing-running');
    for (const command of [
      ['status', '00000000-0000-4000-8000-000000000000'],
      ['pool'],
      ['claim', '00000000-0000-4000-8000-000000000000'],
    ]) {
      const run = runCli(command, { DATA_DIR: dir });
      expect(await run.exited).toBe(3);
      const lines = run.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^DATA_DIR: No embedded PostgreSQL is running for /);
    }
  });

  it('14: a mistyped option or argument is exit 2 and one line saying what is wrong, for every CLI', async () => {
    const api = [process.execPath, '--import', 'tsx', '--conditions=source', apiCli];
    const cases: [string[], string, string[]?][] = [
      [['start', '--demoo'], "provisioning-worker start: unknown option '--demoo' (see --help)"],
      [['status', 'nope'], "provisioning-worker status: 'nope' is not a project id (a UUID) (see --help)"],
      [
        ['status', '00000000-0000-4000-8000-000000000000', '--jsn'],
        "provisioning-worker status: unknown option '--jsn' (see --help)",
      ],
      [['verify-key'], 'provisioning-worker verify-key: missing <key> (see --help)'],
      [['deprovision', 'a', 'b'], "provisioning-worker deprovision: unexpected argument 'b' (see --help)"],
      [['provision', '--keys', 'many'], "provisioning-worker provision: --keys must be 1-10, not 'many' (see --help)"],
      [['pool', '--fill'], "provisioning-worker pool: unknown option '--fill' (see --help)"],
      [
        ['branch', '00000000-0000-4000-8000-000000000000', '--snapshot', 'nope'],
        "provisioning-worker branch: --snapshot: 'nope' is not a snapshot id (a UUID) (see --help)",
      ],
      [
        ['snapshot', '00000000-0000-4000-8000-000000000000', '--name', 'x'.repeat(64)],
        'provisioning-worker snapshot: --name takes 1 to 63 characters, not all blank, without control characters (see --help)',
      ],
      [['start', '--demoo'], "control-plane-api start: unknown option '--demoo' (see --help)", api],
      [
        ['token', 'create', '--name', 'x'],
        'control-plane-api token: give either --organization ORG (a token of one organization) or --all (see --help)',
        api,
      ],
      [['token', 'lst'], "control-plane-api token: 'lst' is not create, list or revoke (see --help)", api],
    ];
    // Side by side: each is a process of its own, and none touches a database.
    const outcomes = await Promise.all(
      cases.map(async ([args, line, program]) => {
        const run = runCli(args, { DATA_DIR: join(dataDir, 'usage') }, program);
        return { got: [args.join(' '), await run.exited, run.output()], wanted: [args.join(' '), 2, `${line}\n`] };
      }),
    );
    expect(outcomes.map((outcome) => outcome.got)).toEqual(outcomes.map((outcome) => outcome.wanted));
  }, 180_000);
});

describe('signals', () => {
  it('SIGTERM to `npm run cli -- start` (the outermost process) stops the worker and its server', async () => {
    const dir = join(dataDir, 'npm');
    const npm = runCli(['run', 'cli', '--', 'start'], { DATA_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()) }, [
      'npm',
    ]);
    await npm.waitForOutput('"msg":"worker started"');
    npm.child.kill('SIGTERM');
    expect(await npm.exited).toBe(0);
    expect(npm.output()).toContain('"msg":"stopping: no new jobs, waiting for running ones"');
    expect(npm.output()).toContain('"msg":"stopped"');
    const left = await waitFor(() => processesUsing(dir), {
      until: (pids) => pids.length === 0,
      what: `no process using ${dir}`,
      timeoutMs: 5000,
    });
    expect(left).toEqual([]);
  });

  // A container runtime sends SIGTERM to the container's PID 1, which has no default
  // signal handlers: the worker must handle it itself. A PID namespace makes it PID 1.
  const canUnshare = process.getuid?.() === 0 && existsSync('/usr/bin/unshare');
  it.runIf(canUnshare)('SIGTERM to the worker as PID 1 (a container) stops it the same way', async () => {
    const dir = join(dataDir, 'pid1');
    const run = runCli(['start'], { DATA_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()) }, [
      '/usr/bin/unshare',
      '--pid',
      '--fork',
      '--mount-proc',
      process.execPath,
      '--import',
      'tsx',
      '--conditions=source',
      cli,
    ]);
    await run.waitForOutput('"msg":"worker started"');
    expect(run.output()).toContain('"pid":1,');
    const [pid1] = readFileSync(`/proc/${run.child.pid}/task/${run.child.pid}/children`, 'utf8').trim().split(' ');
    process.kill(Number(pid1), 'SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('"msg":"stopped"');
    expect(processesUsing(dir)).toEqual([]);
  });
});

describe('errors that name the setting', () => {
  let blocker: Server;
  let busyPort: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    busyPort = (blocker.address() as { port: number }).port;
  });
  afterAll(() => void blocker.close());

  it('a busy HTTP_PORT: exit 2, one line naming it, no server left behind', async () => {
    const dir = join(dataDir, 'http-port');
    const run = runCli(['start'], {
      DATA_DIR: dir,
      EMBEDDED_PG_PORT: String(await freePort()),
      HTTP_PORT: String(busyPort),
    });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain(`HTTP_PORT: 127.0.0.1:${busyPort} is in use by another program`);
    expect(processesUsing(dir)).toEqual([]);
    expect(existsSync(join(dir, 'postgres', 'server.json'))).toBe(false);
  });

  it('a busy EMBEDDED_PG_PORT: exit 2, one line naming it', async () => {
    const dir = join(dataDir, 'pg-port');
    const run = runCli(['start'], { DATA_DIR: dir, EMBEDDED_PG_PORT: String(busyPort) });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain(`EMBEDDED_PG_PORT: port ${busyPort} is in use by another program`);
    expect(processesUsing(dir)).toEqual([]);
  });

  it('an unreachable DATABASE_URL: exit 3, the URL with its password masked', async () => {
    const url = `postgres://someone:hunter2secret@127.0.0.1:${await freePort()}/control`;
    const run = runCli(['migrate'], { DATABASE_URL: url, PROVISIONING_SECRET_KEY: testSecretKey() });
    expect(await run.exited).toBe(3);
    expect(run.output()).toContain('Cannot reach DATABASE_URL (postgres://someone:***@127.0.0.1:');
    expect(run.output()).not.toContain('hunter2secret');
  });

  it('a database that does not exist, a wrong password, a bad secret key: exit 2', async () => {
    const url = new URL(testDatabaseUrl());
    url.pathname = '/no_such_database';
    const missing = runCli(['migrate'], {
      DATABASE_URL: url.toString(),
      PROVISIONING_SECRET_KEY: testSecretKey(),
    });
    expect(await missing.exited).toBe(2);
    expect(missing.output()).toContain('database "no_such_database" does not exist; create that database');

    // Only a server that checks passwords can refuse one (the embedded test server does;
    // a trust-auth DATABASE_URL does not).
    const wrong = new URL(testDatabaseUrl());
    wrong.password = 'not-the-password';
    const probe = postgres(wrong.toString(), { max: 1, onnotice: () => {} });
    const checksPasswords = await probe`select 1`.then(
      () => false,
      (error: { code?: string }) => error.code === '28P01',
    );
    await probe.end();
    if (!process.env['DATABASE_URL']) expect(checksPasswords).toBe(true);
    if (checksPasswords) {
      const refused = runCli(['migrate'], {
        DATABASE_URL: wrong.toString(),
        PROVISIONING_SECRET_KEY: testSecretKey(),
      });
      expect(await refused.exited).toBe(2);
      expect(refused.output()).toContain('refused the login');
      expect(refused.output()).toContain('check the user and password in it');
      expect(refused.output()).not.toContain('not-the-password');
    }

    const badKey = runCli(['migrate'], { DATABASE_URL: testDatabaseUrl(), PROVISIONING_SECRET_KEY: 'c2hvcnQ=' });
    expect(await badKey.exited).toBe(2);
    expect(badKey.output()).toContain('PROVISIONING_SECRET_KEY: must be base64 (or hex) of exactly 32 bytes');
  });
});

describe('provision with no worker running', () => {
  it('says no worker took the job and how to start one; claim prints nothing twice', async () => {
    const env = { DATABASE_URL: testDatabaseUrl(), PROVISIONING_SECRET_KEY: testSecretKey() };
    const migrate = runCli(['migrate'], env);
    expect(await migrate.exited).toBe(0);
    const provision = runCli(['provision', '--keys', '1'], env);
    await provision.waitForOutput('no worker has taken the job in 5 s', 30_000);
    expect(provision.output()).toContain('Start one with `npm start`');
    provision.child.kill('SIGTERM');
    await provision.exited;
    const projectId = /created project ([0-9a-f-]{36})/.exec(provision.output())?.[1];
    expect(projectId).toBeDefined();

    const claim = runCli(['claim', projectId!], env);
    expect(await claim.exited).toBe(1);
    expect(claim.output()).toContain(`no one-time result is waiting for ${projectId}`);

    // The job is still queued: take it away before another test file's workers run it.
    const sql = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
    const removed = await sql<
      { id: string }[]
    >`delete from pgboss.job where singleton_key = ${projectId!} returning id`;
    // It is an operation, asked for by the CLI: queued until a worker runs it.
    const operations = await sql`
      delete from control_plane.operations where project_id = ${projectId!} returning id, kind, requested_by, status`;
    await sql.end();
    expect(removed).toHaveLength(1);
    expect(operations).toEqual([{ id: removed[0]!['id'], kind: 'provision', requested_by: 'cli', status: 'queued' }]);
  });
});

describe('a project through the CLI, as an operator reads it', () => {
  // A control-plane database of its own: a worker here must not take other test files' jobs.
  const database = `cli_e2e_${randomBytes(4).toString('hex')}`;
  let env: Record<string, string>;
  let worker: CliRun;
  beforeAll(async () => {
    const admin = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${database}`);
    await admin.end();
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${database}`;
    env = { DATABASE_URL: url.toString(), PROVISIONING_SECRET_KEY: testSecretKey() };
    worker = runCli(['start'], { ...env, QUEUE_POLL_INTERVAL_SECONDS: '0.5', TENANT_POOL_SIZE: '2' });
    await worker.waitForOutput('"msg":"worker started"');
  });
  afterAll(async () => {
    worker.child.kill('SIGTERM');
    await worker.exited;
    // The pool is on the shared test server: a worker at size 0 drains it before its records go.
    const drain = runCli(['start'], { ...env, TENANT_POOL_SIZE: '0' });
    await drain.waitForOutput('"msg":"worker started"');
    const control = postgres(env['DATABASE_URL']!, { max: 1, onnotice: () => {} });
    const left = await waitFor(async () => (await control`select 1 from control_plane.tenant_pool`).length, {
      until: (count) => count === 0,
      what: 'the tenant pool drained',
      timeoutMs: 10_000,
    });
    expect(left).toBe(0);
    await control.end();
    drain.child.kill('SIGTERM');
    await drain.exited;
    const admin = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  const cliRun = async (args: string[], extra: Record<string, string> = {}) => {
    const run = runCli(args, { ...env, ...extra });
    return { code: await run.exited, output: run.output() };
  };

  it("pool shows each cluster's warm pool, which the running worker fills", async () => {
    await waitFor(() => cliRun(['pool', '--json']), {
      until: (shown) => (JSON.parse(shown.output) as { clusters: { ready: number }[] }).clusters[0]?.ready === 2,
      what: 'pool --json showing 2 ready',
      intervalMs: 200,
    });
    const text = await cliRun(['pool'], { TENANT_POOL_SIZE: '2' });
    expect(text.code).toBe(0);
    expect(text.output).toMatch(/^default: ready 2, stale 0, building 0, claimed 0 \(template template_tenant_v\d+_/m);
    const wrong = await cliRun(['pool', '--fill']);
    expect(wrong.code).toBe(2);
    expect(wrong.output).toContain("unknown option '--fill'");
  });

  it('provision, verify-key, deprovision, recover, snapshot, restore, purge, provision again: each says what happened, and each is an operation with who asked', async () => {
    const provisioned = await cliRun(['provision', '--keys', '1']);
    expect(provisioned.code).toBe(0);
    expect(provisioned.output).toContain('provisioned. One-time result');
    const projectId = /created project ([0-9a-f-]{36})/.exec(provisioned.output)![1]!;
    const key = /"key": "([a-z0-9_]+)"/.exec(provisioned.output)![1]!;

    const valid = await cliRun(['verify-key', key]);
    expect(valid.code).toBe(0);
    expect(valid.output).toMatch(/^valid: key key_[0-9a-f-]+ of project /);
    expect((await cliRun(['status', projectId])).output).toContain(
      `${projectId} (cli project) in eu-west-1: provisioned`,
    );
    expect((await cliRun(['claim', projectId])).code).toBe(1); // provision claimed it

    const first = await cliRun(['deprovision', projectId]);
    expect(first.code).toBe(0);
    expect(first.output).toMatch(
      new RegExp(
        `^delete [0-9a-f-]{36} queued\ndeleted ${projectId}: recoverable until \\d{4}-\\d\\d-\\d\\dT\\S+ \\(\`recover ${projectId}\`\\)\n$`,
      ),
    );
    expect(await cliRun(['verify-key', key])).toEqual({ code: 1, output: 'refused: deleted\n' });
    const again = await cliRun(['deprovision', projectId]);
    expect(again.code).toBe(0);
    expect(again.output).toMatch(
      new RegExp(`^${projectId} is deleted already \\(purged at [^)]+\\); --purge removes it now\n$`),
    );
    expect((await cliRun(['status', projectId])).output.split('\n')[0]).toBe(
      `project ${projectId} (cli project) in eu-west-1: deleted, recoverable (\`recover ${projectId}\`); its database, keys and services are kept, switched off`,
    );
    const recovered = await cliRun(['recover', projectId]);
    expect(recovered.code).toBe(0);
    expect(recovered.output).toContain(`recovered ${projectId}: active again`);
    expect((await cliRun(['verify-key', key])).code).toBe(0);

    // A snapshot, listed, restored: the replaced database kept as another.
    const snapshot = await cliRun(['snapshot', projectId, '--name', 'before the restore']);
    expect(snapshot.code).toBe(0);
    const snapshotId = /snapshot ([0-9a-f-]{36}) of/.exec(snapshot.output)![1]!;
    expect((await cliRun(['snapshot', projectId, '--list'])).output).toMatch(
      new RegExp(`^${snapshotId}  \\S+  \\d+\\.\\d MB  before the restore$`, 'm'),
    );
    const restored = await cliRun(['restore', projectId, snapshotId]);
    expect(restored.code).toBe(0);
    const preserved = /the database it had is snapshot ([0-9a-f-]{36})/.exec(restored.output)![1]!;
    expect((await cliRun(['snapshot', projectId, '--list'])).output).toContain(preserved);

    const purged = await cliRun(['deprovision', projectId, '--purge']);
    expect(purged.code).toBe(0);
    expect(purged.output).toMatch(
      new RegExp(
        `^delete [0-9a-f-]{36} queued\npurge [0-9a-f-]{36} queued\npurged ${projectId}: its API keys revoked, services disabled, database and role dropped\n$`,
      ),
    );
    expect(await cliRun(['deprovision', projectId])).toEqual({
      code: 0,
      output: `${projectId} is purged already; there was nothing to remove\n`,
    });
    // The CLI's operations are operations like the API's, with who asked for them.
    const control = postgres(env['DATABASE_URL']!, { max: 1, onnotice: () => {} });
    const operations = await control<{ kind: string; requested_by: string; status: string }[]>`
      select kind, requested_by, status from control_plane.operations where project_id = ${projectId} order by created_at`;
    await control.end();
    expect(operations.map((operation) => `${operation.kind}:${operation.requested_by}:${operation.status}`)).toEqual([
      'provision:cli:succeeded',
      'delete:cli:succeeded',
      'recover:cli:succeeded',
      'snapshot:cli:succeeded',
      'restore:cli:succeeded',
      'delete:cli:succeeded',
      'purge:cli:succeeded',
    ]);

    const status = await cliRun(['status', projectId]);
    expect(status.output.split('\n')[0]).toBe(
      `project ${projectId} (cli project) in eu-west-1: purged; its database, API keys and services were removed`,
    );
    expect(status.output).not.toContain('last error');
    expect(await cliRun(['verify-key', key])).toEqual({ code: 1, output: 'refused: revoked\n' });
    const reprovision = await cliRun(['provision', '--project-id', projectId]);
    expect(reprovision.code).toBe(1);
    expect(reprovision.output).toContain('is already purged; nothing was enqueued');
    // Sixteen CLI processes, each starting Node.js and opening its pools.
  }, 180_000);

  it("branch: a new project in the source's organization whose database starts as the source's, now or at one of its snapshots; an unknown source or snapshot is refused", async () => {
    const trunk = await cliRun([
      'provision',
      '--keys',
      '1',
      '--name',
      'trunk',
      '--owner',
      'ann',
      '--organization',
      'forks',
    ]);
    expect(trunk.code).toBe(0);
    const sourceId = /created project ([0-9a-f-]{36})/.exec(trunk.output)![1]!;
    const sourceUrl = /"connection_string": "([^"]+)"/.exec(trunk.output)![1]!;
    const notes = 'select body from notes order by body';
    await asTenant(sourceUrl, "create table notes (body text); insert into notes values ('before the snapshot')");
    const snapshotId = /snapshot ([0-9a-f-]{36}) of/.exec((await cliRun(['snapshot', sourceId])).output)![1]!;
    await asTenant(sourceUrl, "insert into notes values ('after the snapshot')");

    // From the source as it is now: its rows at branch time, in a project and database of its own.
    const now = await cliRun(['branch', sourceId]);
    expect(now.code).toBe(0);
    const nowId =
      /^created project ([0-9a-f-]{36}), a branch of (\S+) as it is now\nprovision [0-9a-f-]{36} queued\n/.exec(
        now.output,
      );
    expect(nowId?.[2]).toBe(sourceId);
    expect(nowId![1]).not.toBe(sourceId);
    expect(now.output).toContain('  ✓ database');
    expect(now.output).toContain('provisioned. One-time result');
    const nowUrl = /"connection_string": "([^"]+)"/.exec(now.output)![1]!;
    expect(nowUrl).not.toBe(sourceUrl);
    expect(await asTenant(nowUrl, notes)).toEqual(['after the snapshot', 'before the snapshot']);
    await asTenant(nowUrl, "insert into notes values ('the branch only')");
    expect(await asTenant(sourceUrl, notes)).toEqual(['after the snapshot', 'before the snapshot']);

    // From the snapshot: the rows as they were when it was taken.
    const atSnapshot = await cliRun(['branch', sourceId, '--snapshot', snapshotId, '--name', 'at the snapshot']);
    expect(atSnapshot.code).toBe(0);
    expect(atSnapshot.output).toContain(`, a branch of ${sourceId}'s snapshot ${snapshotId}\n`);
    const snapshotBranchId = /created project ([0-9a-f-]{36})/.exec(atSnapshot.output)![1]!;
    const snapshotUrl = /"connection_string": "([^"]+)"/.exec(atSnapshot.output)![1]!;
    expect(await asTenant(snapshotUrl, notes)).toEqual(['before the snapshot']);

    // Refusals record nothing: an unknown source, an unknown snapshot, another project's snapshot.
    const [unknownId, unknownSnapshot] = [randomUUID(), randomUUID()];
    const refusals = await Promise.all([
      cliRun(['branch', unknownId]),
      cliRun(['branch', sourceId, '--snapshot', unknownSnapshot]),
      cliRun(['branch', nowId![1]!, '--snapshot', snapshotId]),
    ]);
    expect(refusals).toEqual([
      { code: 1, output: `project ${unknownId} does not exist\n` },
      {
        code: 1,
        output: `snapshot ${unknownSnapshot} is not one of ${sourceId}'s (see \`snapshot ${sourceId} --list\`)\n`,
      },
      {
        code: 1,
        output: `snapshot ${snapshotId} is not one of ${nowId![1]!}'s (see \`snapshot ${nowId![1]!} --list\`)\n`,
      },
    ]);

    // The branches are the source's organization's and owner's, each provisioned by an operation naming it.
    const control = postgres(env['DATABASE_URL']!, { max: 1, onnotice: () => {} });
    const projects = await control<{ id: string; name: string; owner_id: string; operation: string; from: unknown }[]>`
      select p.id, p.name, p.owner_id, o.kind || ':' || o.requested_by || ':' || o.status as operation,
             o.request -> 'from' as from
      from control_plane.projects p join control_plane.operations o on o.project_id = p.id
      where p.organization_id = 'forks' order by p.created_at, o.created_at`;
    await control.end();
    const provisioned = { owner_id: 'ann', operation: 'provision:cli:succeeded' };
    expect(projects).toEqual([
      { id: sourceId, name: 'trunk', ...provisioned, from: null },
      { id: sourceId, name: 'trunk', owner_id: 'ann', operation: 'snapshot:cli:succeeded', from: null },
      { id: nowId![1], name: 'trunk branch', ...provisioned, from: { project_id: sourceId } },
      {
        id: snapshotBranchId,
        name: 'at the snapshot',
        ...provisioned,
        from: { project_id: sourceId, snapshot_id: snapshotId },
      },
    ]);

    // Purged, a source is no longer one: a branch needs a provisioned, active or suspended project.
    const purges = await Promise.all(
      [sourceId, nowId![1]!, snapshotBranchId].map((id) => cliRun(['deprovision', id, '--purge'])),
    );
    expect(purges.map((purge) => purge.code)).toEqual([0, 0, 0]);
    expect(await cliRun(['branch', sourceId])).toEqual({
      code: 1,
      output: `${sourceId} is purged: only a provisioned project, active or suspended, can be branched\n`,
    });
  }, 180_000);
});
