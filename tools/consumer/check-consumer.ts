// Another team's view of our packages: packs @org/errors, @org/retry, @org/db and
// @org/api-keys, installs the tarballs into an empty project outside the repository, reports
// the install's size (goal under 30 MB), type-checks an ESM and a CJS consumer, and runs
// team-scenario.{mjs,cjs} against a database of the team's own (a fresh one on DATABASE_URL's
// server, or on an embedded server started here) with a read-only role that must still
// connect after migrate. Run with `npm run check:consumer`.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@org/db';
import postgres from 'postgres';

const root = resolve(import.meta.dirname, '../..');
const packages = ['@org/errors', '@org/retry', '@org/db', '@org/api-keys'];
const SIZE_GOAL_BYTES = 30 * 1024 * 1024;

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    // What the command printed says why (tsc's diagnostics go to stdout).
    process.stderr.write(String((error as { stdout?: unknown }).stdout ?? ''));
    throw error;
  }
}

function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined || stat.isSymbolicLink()) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, entry) => total + sizeOf(join(path, entry)), 0);
}

const scratch = mkdtempSync(join(tmpdir(), 'org-consumer-'));
// Reachable by the embedded server's account when this runs as root: a 0700 directory would
// move the cluster to /var/lib/org-embedded-postgres, outside what this check removes.
chmodSync(scratch, 0o755);
let server: EmbeddedPostgresServer | undefined;
let admin: postgres.Sql | undefined;
const database = `consumer_${randomBytes(4).toString('hex')}`;
const role = `team_reader_${randomBytes(4).toString('hex')}`;
let failed = false;
try {
  run('npx', ['nx', 'run-many', '-t', 'build', `--projects=${packages.join(',')}`, '--outputStyle=static'], root);
  const tarballs = packages.map((name) =>
    join(
      scratch,
      run('npm', ['pack', '-w', name, '--pack-destination', scratch, '--silent'], root).trim().split('\n').at(-1)!,
    ),
  );

  const project = join(scratch, 'team-service');
  run('mkdir', ['-p', project], scratch);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'team-service', private: true }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--silent', ...tarballs], project);
  const bytes = sizeOf(join(project, 'node_modules'));
  const installed = readdirSync(join(project, 'node_modules'), { recursive: true }).filter((entry) =>
    String(entry).endsWith('package.json'),
  ).length;
  console.log(
    `install size of @org/api-keys + @org/retry (with @org/errors, @org/db): ${(bytes / 1024 / 1024).toFixed(1)} MB` +
      ` (${installed} package.json files; goal under 30 MB)`,
  );
  if (bytes >= SIZE_GOAL_BYTES) throw new Error('the install is 30 MB or more');

  // Types as a TypeScript consumer sees them, through `import` and through `require`.
  writeFileSync(
    join(project, 'consumer.mts'),
    `import { createApiKeyStore, verifyApiKey, type VerifyResult } from '@org/api-keys';
import { withRetry } from '@org/retry';
const store = createApiKeyStore({ databaseUrl: 'postgres://localhost/team', connectTimeoutSeconds: 2 });
export const verdict: Promise<VerifyResult> = withRetry(() => verifyApiKey('k', { timeoutMs: 500 }, store));\n`,
  );
  writeFileSync(
    join(project, 'consumer.cts'),
    `import keys = require('@org/api-keys');
import retry = require('@org/retry');
export const verdict: Promise<keys.VerifyResult> = retry.withRetry(() => keys.verifyApiKey('k', {}, keys.createApiKeyStore({ databaseUrl: 'postgres://localhost/team' })));\n`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        // As most consumers build: Node's types, other libraries' declarations not re-checked.
        typeRoots: [join(root, 'node_modules/@types')],
        types: ['node'],
        lib: ['ES2023', 'DOM'],
        skipLibCheck: true,
      },
      include: ['*.mts', '*.cts'],
    }),
  );
  run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], project);
  console.log('types: an ESM and a CJS consumer compile');

  let serverUrl = process.env['DATABASE_URL'];
  if (serverUrl === undefined) {
    server = await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), durable: false });
    serverUrl = server.url;
  }
  admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  await admin.unsafe(`create role ${role} login password 'reader-password'`);
  const teamUrl = new URL(serverUrl);
  teamUrl.pathname = `/${database}`;
  const readerUrl = new URL(teamUrl);
  readerUrl.username = role;
  readerUrl.password = 'reader-password';

  for (const file of ['team-scenario.cjs', 'team-scenario.mjs']) {
    copyFileSync(join(import.meta.dirname, file), join(project, file));
    const child = spawnSync('node', [file], {
      cwd: project,
      env: {
        ...process.env,
        TEAM_DATABASE_URL: teamUrl.toString(),
        READER_URL: readerUrl.toString(),
        READER_ROLE: role,
      },
      stdio: 'inherit',
      timeout: 60_000,
    });
    if (child.status !== 0) throw new Error(`${file} failed (exit ${child.status ?? child.signal})`);
  }
  console.log('consumer check: ok');
} catch (error) {
  failed = true;
  console.error(`consumer check failed: ${(error as Error).message}`);
} finally {
  await admin?.unsafe(`drop database if exists ${database} with (force)`).catch(() => {});
  await admin?.unsafe(`drop role if exists ${role}`).catch(() => {});
  await admin?.end();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
