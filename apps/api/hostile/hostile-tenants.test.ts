import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  branchTenantDatabase,
  createDbContext,
  createProject,
  dropTenantDatabase,
  EMBEDDED_MAX_CONNECTIONS,
  EMBEDDED_RESERVED_CONNECTIONS,
  migrateTenants,
  ownPooledDatabasePrefix,
  PLATFORM_SESSION,
  restoreTenantDatabase,
  snapshotTenantDatabase,
  startEmbeddedPostgres,
  TENANT_CONNECTION_LIMIT,
  TENANT_MIGRATIONS,
  tenantDatabaseName,
  tenantSnapshotName,
  type DbContext,
  type EmbeddedPostgresServer,
} from '@org/db';
import { startFakeServiceApi, type FakeServiceApi } from '@org/services/testing';
import { migrateControlPlane } from '@org/worker';
import postgres, { type ReservedSql, type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminTokenStore } from '../src/auth/admin-token-store.js';
import { createApiClient, type ApiClient } from '../src/client/create-api-client.js';
import { migrateApi } from '../src/migrate-api.js';
import { spawnApi, type SpawnedProcess } from '../test/support/spawn-process.js';
import { controlPlaneEnv } from '../test/support/test-environment.js';
import { createLegacyCopies, createLegacyTenant, type LegacyTenant } from './support/legacy-tenant.js';
import {
  blockingTraps,
  codeTraps,
  crossTenantTraps,
  FIRED_ROLE_PREFIX,
  holdLocks,
  plant,
  type Trap,
} from './support/tenant-traps.js';

// Mutually hostile tenants on one cluster, each with nothing but its own claimed database
// URL, try everything they can inside their databases; then every platform operation that
// touches a tenant database runs on them. On a server of this file's own (scram-sha-256,
// prepared transactions allowed), so that tenants can fill every connection they may.
let server: EmbeddedPostgresServer;
let dataDir: string;
let sql: Sql;
let db: DbContext;
let authApi: FakeServiceApi;
let api: SpawnedProcess;
let client: ApiClient;
let env: Record<string, string>;
const secretKey = randomBytes(32).toString('base64');
const ORG = 'org-hostile';

/** What each tenant tried, for the summary this file prints (the note lists it). */
const planted = new Map<string, Trap[]>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hostile-tenants-'));
  server = await startEmbeddedPostgres({ dataDir, durable: false, settings: { max_prepared_transactions: 20 } });
  sql = postgres(server.url, { max: 4, onnotice: () => {} });
  authApi = await startFakeServiceApi('auth');
  env = {
    ...controlPlaneEnv(server.url, secretKey, authApi.url),
    TENANT_POOL_SIZE: '2',
    TENANT_CLUSTER_HARDENING: 'on',
  };
  // The control plane's tables, so that tenants made by the code before the boundary can
  // be recorded before the API's first start converts them.
  await migrateControlPlane(sql);
  await migrateApi(sql);
  db = createDbContext({ databaseUrl: server.url, secretKey, poolSize: 4, applicationName: 'hostile-test' });
  const token = await new AdminTokenStore(sql).create({ name: 'hostile', organizationId: null });
  env['TOKEN'] = token.token;
});

afterAll(async () => {
  const summary = [...planted].flatMap(([tenant, list]) =>
    list.map((trap) => `${tenant.slice(0, 15)}  ${trap.outcome?.padEnd(16)} ${trap.name}`),
  );
  console.log(`hostile tenants: ${summary.length} traps\n${summary.join('\n')}`);
  await api?.stop();
  await db?.close();
  await authApi?.close();
  await sql?.end({ timeout: 5 });
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Polls an operation until it ends. */
async function settled(operationId: string, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await client.GET('/v1/operations/{id}', { params: { path: { id: operationId } } });
    if (data !== undefined && data.status !== 'queued' && data.status !== 'running') {
      return data.status === 'failed' ? `failed ${JSON.stringify(data.error)}` : data.status;
    }
    if (Date.now() > deadline) throw new Error(`operation ${operationId} still ${data?.status}`);
    await sleep(100);
  }
}

/** A provisioned project and its tenant's credentials, claimed as a platform's backend would. */
async function provision(): Promise<{ id: string; database: string; role: string; url: string }> {
  const created = await client.POST('/v1/projects', {
    body: { name: 'hostile', region: 'eu-west-1', organization_id: ORG, owner_id: 'mallory' },
  });
  expect(created.response.status).toBe(202);
  expect(await settled(created.data!.operation.id)).toBe('succeeded');
  const claim = await client.POST('/v1/projects/{id}/one-time-result/claim', {
    params: { path: { id: created.data!.project.id } },
  });
  expect(claim.response.status).toBe(200);
  const database = claim.data!.database;
  return {
    id: created.data!.project.id,
    database: database.name,
    role: database.user,
    url: database.connection_string,
  };
}

/**
 * One operation on a tenant, through the API, to its end. `delete` is the whole way out: a
 * (recoverable) deletion, a recovery, a deletion again and its purge, each of which must
 * succeed, ending with nothing of the tenant left.
 */
async function lifecycle(id: string, action: 'suspend' | 'resume' | 'reset-password' | 'delete'): Promise<string> {
  const options = { params: { path: { id } } };
  const run = async (answer: { response: Response; error?: unknown; data?: { operation: { id: string } } }) => {
    expect(answer.response.status, JSON.stringify(answer.error)).toBe(202);
    return settled(answer.data!.operation.id);
  };
  if (action === 'delete') {
    for (const step of ['delete', 'recover', 'delete', 'purge'] as const) {
      const status = await run(
        step === 'recover'
          ? await client.POST('/v1/projects/{id}/recover', options)
          : await client.DELETE('/v1/projects/{id}', {
              params: { path: { id }, query: step === 'purge' ? { purge: 'true' } : {} },
            }),
      );
      if (status !== 'succeeded') return `${step}: ${status}`;
    }
    return 'succeeded';
  }
  return run(
    action === 'reset-password'
      ? await client.POST('/v1/projects/{id}/reset-password', options)
      : await client.POST(`/v1/projects/{id}/${action}`, options),
  );
}

/** Roles that may do more than a tenant: only the bootstrap superuser and the platform role, as it was made. */
async function privilegedRoles(): Promise<{ name: string; super: boolean; createrole: boolean; createdb: boolean }[]> {
  return sql`
    select rolname as name, rolsuper as super, rolcreaterole as createrole, rolcreatedb as createdb
    from pg_roles
    where (rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls) and rolname <> current_user
    order by 1`;
}

async function firedRoles(): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select rolname as name from pg_roles where starts_with(rolname, ${FIRED_ROLE_PREFIX})`;
  return rows.map((row) => row.name);
}

/** Rows the recorder wrote in sessions other than the tenant's own (none, if no trap ran as the platform). */
async function foreignTraps(url: string, role: string): Promise<string[]> {
  // Pinned, like a platform session: this reader must not trip over the tenant's traps itself.
  const tenant = postgres(url, { max: 1, onnotice: () => {}, fetch_types: false, connection: PLATFORM_SESSION });
  try {
    const rows = await tenant<{ trap: string; who: string }[]>`
      select trap, session_user_name as who from public.trap_log where session_user_name <> ${role}`;
    return rows.map((row) => `${row.trap} as ${row.who}`);
  } finally {
    await tenant.end();
  }
}

async function exists(kind: 'database' | 'role', name: string): Promise<boolean> {
  const rows =
    kind === 'database'
      ? await sql`select 1 from pg_database where datname = ${name}`
      : await sql`select 1 from pg_roles where rolname = ${name}`;
  return rows.length > 0;
}

describe('tenants made before the boundary', () => {
  let legacy: LegacyTenant;
  let copies: { template: string; pooled: string };

  it('are converted by the ordinary start, their planted attack disarmed, idempotently', async () => {
    legacy = await createLegacyTenant(sql, server.url, secretKey, ORG);
    copies = await createLegacyCopies(sql, await ownPooledDatabasePrefix(db));
    // The attack of issue 31, set up by the tenant while it owned its database and `public`:
    // the platform's bookkeeping replaced by a view over a function of its own, a built-in
    // shadowed and put first on the database's search_path, every session read-only, the
    // template flag (which made DROP DATABASE fail), and a schema named like the platform's.
    const tenant = postgres(legacy.url, { max: 1, onnotice: () => {} });
    await tenant.unsafe(`
      create table public.trap_log (trap text, session_user_name text, current_user_name text, at timestamptz default now());
      grant select, insert on public.trap_log to public;
      create function public.escalate() returns int language plpgsql as $f$
      begin
        insert into public.trap_log (trap, session_user_name, current_user_name) values ('legacy', session_user, current_user);
        begin execute format('create role %I', '${FIRED_ROLE_PREFIX}legacy'); exception when others then null; end;
        begin execute format('alter role %I superuser', '${legacy.role}'); exception when others then null; end;
        return 0;
      end $f$;
      create table public.schema_migrations_old as select * from public.schema_migrations;
      drop table public.schema_migrations;
      create view public.schema_migrations as select id, hash, created_at + public.escalate() as created_at from public.schema_migrations_old;
      create function public.hashtextextended(text, bigint) returns bigint language sql as 'select public.escalate()::bigint';
      create schema platform;
      create table platform.settings (key text, value jsonb);
      alter database "${legacy.databaseName}" set search_path = public, pg_catalog;
      alter database "${legacy.databaseName}" set default_transaction_read_only = on;
    `);
    await tenant.end();
    await sql.unsafe(`alter database "${legacy.databaseName}" with is_template true`); // as its owner could

    api = await spawnApi('start', env);
    client = createApiClient({ baseUrl: api.url, token: env['TOKEN']! });

    const [database] = await sql<{ owner: string; template: boolean; settings: string[] | null; acl: string }[]>`
      select pg_get_userbyid(d.datdba) as owner, d.datistemplate as template, d.datacl::text as acl,
             (select setconfig from pg_db_role_setting s where s.setdatabase = d.oid and s.setrole = 0) as settings
      from pg_database d where datname = ${legacy.databaseName}`;
    expect(database).toMatchObject({ owner: db.clusters.platformRole, template: false, settings: null });
    expect(database!.acl).not.toMatch(/(^|[{,])=/);
    expect(await firedRoles()).toEqual([]);
    expect(await privilegedRoles()).toEqual([
      { name: db.clusters.platformRole, super: false, createrole: true, createdb: true },
    ]);
    // Its tables were not the originals any more: the platform's start afresh, its own
    // schema named `platform` is kept under another name, and the tenant still logs in.
    const after = postgres(legacy.url, { max: 1, onnotice: () => {} });
    expect(await after`select value from platform.settings where key = 'project_id'`).toEqual([
      { value: legacy.projectId },
    ]);
    const schemas = await after<{ name: string; owner: string }[]>`
      select nspname as name, pg_get_userbyid(nspowner) as owner from pg_namespace where nspname like 'platform%' order by 1`;
    expect(schemas.map((schema) => schema.owner)).toEqual([db.clusters.platformRole, legacy.role]);
    await expect(after`alter database ${after(legacy.databaseName)} set search_path = public`).rejects.toMatchObject({
      code: '42501',
    });
    await expect(after`insert into platform.settings (key, value) values ('x', '1')`).rejects.toMatchObject({
      code: '42501',
    });
    await after.end();
    // The old template is gone; the old pooled database is the platform's, and the pool drops it.
    expect(await exists('database', copies.template)).toBe(false);
    const [pooled] = await sql<{ owner: string }[]>`
      select pg_get_userbyid(datdba) as owner from pg_database where datname = ${copies.pooled}`;
    expect(pooled?.owner ?? db.clusters.platformRole).toBe(db.clusters.platformRole);
  });

  it('a second start converts nothing more and changes nothing', async () => {
    await api.stop();
    api = await spawnApi('start', env);
    client = createApiClient({ baseUrl: api.url, token: env['TOKEN']! });
    expect(api.output()).not.toContain('tenant databases brought to the platform');
    expect(await firedRoles()).toEqual([]);
  });

  it('a converted tenant is suspended, resumed and deleted like any other', async () => {
    expect(await lifecycle(legacy.projectId, 'suspend')).toBe('succeeded');
    expect(await lifecycle(legacy.projectId, 'resume')).toBe('succeeded');
    expect(await foreignTraps(legacy.url, legacy.role)).toEqual([]);
    expect(await lifecycle(legacy.projectId, 'delete')).toBe('succeeded');
    expect(await exists('database', legacy.databaseName)).toBe(false);
    expect(await exists('role', legacy.role)).toBe(false);
    expect(await exists('database', copies.pooled)).toBe(false);
    expect(await firedRoles()).toEqual([]);
  });
});

type Tenant = Awaited<ReturnType<typeof provision>>;

describe('hostile tenants', () => {
  const tenants: Tenant[] = [];

  it('plant every trap they can; what PostgreSQL lets them do is theirs alone', async () => {
    for (let i = 0; i < 3; i++) tenants.push(await provision());
    const [coder, blocker, granter] = tenants as [Tenant, Tenant, Tenant];
    // Apart, so that none hides another: the first sets code for a platform session to run,
    // the second tries to take or block what the platform must keep, the third grants the
    // second's role rights (to keep it from being dropped) among code traps of its own.
    planted.set(coder.database, await plant(coder.url, coder.role, codeTraps(coder.database, coder.role)));
    planted.set(
      blocker.database,
      await plant(blocker.url, blocker.role, blockingTraps(blocker.database, blocker.role)),
    );
    planted.set(
      granter.database,
      await plant(granter.url, granter.role, [
        ...codeTraps(granter.database, granter.role),
        ...crossTenantTraps(blocker.role),
      ]),
    );
    const outcomes = (tenant: Tenant) =>
      Object.fromEntries(planted.get(tenant.database)!.map((trap) => [trap.name, trap.outcome]));
    // Its own objects, role settings, a prepared transaction and grants of its own: allowed.
    expect(Object.entries(outcomes(coder)).filter(([, outcome]) => outcome !== 'planted')).toEqual([]);
    expect(Object.entries(outcomes(granter)).filter(([, outcome]) => outcome !== 'planted')).toEqual([]);
    const blocked = outcomes(blocker);
    expect(blocked['prepared transaction']).toBe('planted');
    expect(blocked['default privileges']).toBe('planted');
    // Anything of the platform's, or of the database: refused.
    const refused = Object.entries(blocked).filter(
      ([name]) => name !== 'prepared transaction' && name !== 'default privileges',
    );
    expect(refused.filter(([, outcome]) => !outcome?.startsWith('refused 42501'))).toEqual([]);
  });

  it('every platform operation on them succeeds, and no trap runs as the platform', async () => {
    const [coder, blocker, granter] = tenants as [Tenant, Tenant, Tenant];
    // Sessions of the first tenant hold a lock on a platform table and the migrations' advisory lock.
    const locks = await holdLocks(coder.url);
    // A schema rollout: a new tenant migration, to every tenant.
    const folder = mkdtempSync(join(tmpdir(), 'hostile-next-'));
    try {
      cpSync(TENANT_MIGRATIONS.folder, folder, { recursive: true });
      const journalPath = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number }[] };
      const last = journal.entries.at(-1)!;
      journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_plan' } as never);
      writeFileSync(journalPath, JSON.stringify(journal));
      writeFileSync(join(folder, '9999_plan.sql'), `ALTER TABLE "platform"."settings" ADD COLUMN "plan" text`);
      // Bounded: a rollout that waited on the tenant's locks would otherwise hang the suite.
      const rollout = await Promise.race([
        migrateTenants({ migrations: { ...TENANT_MIGRATIONS, folder } }, db),
        sleep(120_000).then(() => Promise.reject(new Error('the rollout waited on a tenant for 2 minutes'))),
      ]);
      expect(rollout.failed).toEqual([]);
      expect(rollout.migrated.filter((m) => tenants.some((t) => t.database === m.databaseName))).toHaveLength(3);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await locks.close();
    }
    for (const tenant of tenants) {
      expect(await lifecycle(tenant.id, 'suspend')).toBe('succeeded');
      expect(await lifecycle(tenant.id, 'resume')).toBe('succeeded');
      expect(await lifecycle(tenant.id, 'reset-password')).toBe('succeeded');
      const claim = await client.POST('/v1/projects/{id}/one-time-result/claim', {
        params: { path: { id: tenant.id } },
      });
      expect(claim.response.status).toBe(200);
      const old = tenant.url;
      tenant.url = claim.data!.database.connection_string;
      expect(tenant.url).not.toBe(old);
      expect(await foreignTraps(tenant.url, tenant.role)).toEqual([]);
    }
    // The second tenant has a prepared transaction, and a grant and a policy from the third:
    // its deletion rolls back the one and revokes the others inside the third's database,
    // among that tenant's traps.
    expect(await lifecycle(blocker.id, 'delete')).toBe('succeeded');
    expect(await foreignTraps(granter.url, granter.role)).toEqual([]);
    for (const tenant of [coder, granter]) expect(await lifecycle(tenant.id, 'delete')).toBe('succeeded');
    for (const tenant of tenants) {
      expect(await exists('database', tenant.database)).toBe(false);
      expect(await exists('role', tenant.role)).toBe(false);
    }
    expect(await sql`select gid from pg_prepared_xacts`).toEqual([]);
    expect(await firedRoles()).toEqual([]);
    expect(await privilegedRoles()).toEqual([
      { name: db.clusters.platformRole, super: false, createrole: true, createdb: true },
    ]);
  });
});

describe('isolation, on scram-sha-256', () => {
  it('a tenant reaches no other database, file, program or role', async () => {
    const [a, b] = [await provision(), await provision()];
    const connect = async (database: string, statement = 'select 1') => {
      const url = new URL(a.url);
      url.pathname = `/${database}`;
      const probe = postgres(url.toString(), { max: 1, onnotice: () => {} });
      try {
        await probe.unsafe(statement);
        return 'allowed';
      } catch (error) {
        return (error as { code?: string }).code;
      } finally {
        await probe.end({ timeout: 1 });
      }
    };
    const template = (
      await sql<{ name: string }[]>`
      select datname as name from pg_database where datname like 'template\\_tenant\\_%' limit 1`
    )[0]!.name;
    const pooled = (
      await sql<{ name: string }[]>`
      select datname as name from pg_database where datname like 'pooled\\_tenant\\_%' limit 1`
    )[0]?.name;
    const probes: [string, string | undefined, string[]][] = [
      ['another tenant', await connect(b.database), ['42501']],
      ['the control plane', await connect('postgres'), ['42501']],
      ['template1', await connect('template1'), ['42501']],
      ['the platform’s own database', await connect(db.clusters.platformRole), ['42501']],
      ['the tenant template', await connect(template), ['42501', '55000']],
      ...(pooled === undefined
        ? []
        : ([['a pooled database', await connect(pooled), ['42501', '55000']]] as [string, string, string[]][])),
      ['a server file', await connect(a.database, `select pg_read_file('/etc/hostname')`), ['42501']],
      ['a directory listing', await connect(a.database, `select pg_ls_dir('.')`), ['42501']],
      ['a program', await connect(a.database, `copy (select 1) to program 'id'`), ['42501']],
      ['a server-side file import', await connect(a.database, `select lo_import('/etc/hostname')`), ['42501']],
      ['an extension', await connect(a.database, 'create extension pgcrypto'), ['42501']],
      ['a database', await connect(a.database, 'create database sneaky'), ['42501']],
      ['a role', await connect(a.database, 'create role sneaky'), ['42501']],
      ['another tenant’s role', await connect(a.database, `set role "${b.role}"`), ['42501']],
      ['the platform role', await connect(a.database, `set role "${db.clusters.platformRole}"`), ['42501']],
      [
        'the platform’s sessions',
        await connect(
          a.database,
          `select pg_terminate_backend(pid) from pg_stat_activity where usename = '${db.clusters.platformRole}'`,
        ),
        ['42501', 'allowed'],
      ],
    ];
    const refusedAsExpected = probes.filter(([, got, wanted]) => !wanted.includes(got ?? ''));
    expect(refusedAsExpected).toEqual([]);
    // `pg_terminate_backend` of another role's session answers false (or 42501): nothing ended.
    expect(await sql`select 1 from pg_stat_activity where usename = ${db.clusters.platformRole}`).not.toHaveLength(0);
    for (const tenant of [a, b]) expect(await lifecycle(tenant.id, 'delete')).toBe('succeeded');
  });
});

describe('tenants holding every connection they may', () => {
  const held: { sql: Sql; sessions: ReservedSql[] }[] = [];
  afterAll(async () => {
    for (const { sql: tenant } of held) await tenant.end({ timeout: 1 }).catch(() => undefined);
  });

  it('the API answers, and a provisioning, a suspend and a delete complete', async () => {
    // Tenants may hold 20 each; all but the reserved slots, with room to spare.
    const open = EMBEDDED_MAX_CONNECTIONS - EMBEDDED_RESERVED_CONNECTIONS;
    const hogs = Math.ceil(open / TENANT_CONNECTION_LIMIT) + 1;
    let full = false;
    for (let i = 0; i < hogs && !full; i++) {
      const tenant = await provision();
      const pool = postgres(tenant.url, { max: TENANT_CONNECTION_LIMIT, onnotice: () => {} });
      const entry = { sql: pool, sessions: [] as ReservedSql[] };
      held.push(entry);
      for (let c = 0; c < TENANT_CONNECTION_LIMIT; c++) {
        try {
          const session = await pool.reserve();
          await session`select 1`;
          entry.sessions.push(session);
        } catch (error) {
          // 53300: the slots left are reserved; every slot a tenant may take is taken.
          expect((error as { code?: string }).code).toBe('53300');
          full = true;
          break;
        }
      }
    }
    expect(full).toBe(true);
    const tenantSessions = held.reduce((sum, entry) => sum + entry.sessions.length, 0);
    expect(tenantSessions).toBeGreaterThan(open - 60);

    const listed = await client.GET('/v1/projects', { params: { query: { limit: 5 } } });
    expect(listed.response.status).toBe(200);
    const fresh = await provision();
    expect(await lifecycle(fresh.id, 'suspend')).toBe('succeeded');
    expect(await lifecycle(fresh.id, 'delete')).toBe('succeeded');
    expect(await exists('database', fresh.database)).toBe(false);
    console.log(`tenant sessions held: ${tenantSessions} of ${EMBEDDED_MAX_CONNECTIONS} connections`);
  });
});

describe('a hostile tenant, snapshotted, restored and branched', () => {
  it('its traps, copied, run nothing as the platform; its prepared transaction and locks block no copy', async () => {
    const tenant = await provision();
    const traps = await plant(tenant.url, tenant.role, [
      ...codeTraps(tenant.database, tenant.role),
      ...blockingTraps(tenant.database, tenant.role),
    ]);
    planted.set(`${tenant.database} copied`, traps);
    expect(traps.find((trap) => trap.name === 'prepared transaction')?.outcome).toBe('planted');
    const locks = await holdLocks(tenant.url);
    const snapshot = tenantSnapshotName(randomUUID());
    try {
      await snapshotTenantDatabase(tenant.database, snapshot, db);
    } finally {
      await locks.close();
    }
    // Its prepared transaction was rolled back (the copy could not have been made beside it).
    expect(await sql`select gid from pg_prepared_xacts where database = ${tenant.database}`).toEqual([]);
    const toSnapshot = new URL(tenant.url);
    toSnapshot.pathname = `/${snapshot}`;
    const probe = postgres(toSnapshot.toString(), { max: 1, onnotice: () => {} });
    await expect(probe`select 1`).rejects.toMatchObject({ code: expect.stringMatching(/^(55000|42501)$/) as unknown });
    await probe.end({ timeout: 1 });

    await restoreTenantDatabase(tenant.database, snapshot, tenantSnapshotName(randomUUID()), db);
    const project = await createProject(
      { id: randomUUID(), name: 'hostile branch', region: 'eu-west-1', ownerId: 'mallory', organizationId: ORG },
      db,
    );
    const branch = await branchTenantDatabase(tenant.database, tenantDatabaseName(project.id), db);
    const fromSnapshot = await branchTenantDatabase(
      snapshot,
      tenantDatabaseName(
        (
          await createProject(
            { name: 'hostile branch', region: 'eu-west-1', ownerId: 'mallory', organizationId: ORG },
            db,
          )
        ).id,
      ),
      db,
    );

    expect(await foreignTraps(tenant.url, tenant.role)).toEqual([]);
    // A branch's log holds what the source's tenant recorded as itself before the copy.
    for (const copy of [branch, fromSnapshot]) {
      const foreign = await foreignTraps(copy.connectionString, copy.roleName);
      expect(foreign.filter((entry) => !entry.endsWith(` as ${tenant.role}`))).toEqual([]);
    }
    expect(await firedRoles()).toEqual([]);
    expect(await privilegedRoles()).toEqual([
      { name: db.clusters.platformRole, super: false, createrole: true, createdb: true },
    ]);
    for (const copy of [branch, fromSnapshot]) await dropTenantDatabase(copy.databaseName, db);
    // Deleting the project drops its snapshots with it.
    expect(await lifecycle(tenant.id, 'delete')).toBe('succeeded');
    expect(await exists('database', snapshot)).toBe(false);
    expect(await exists('role', tenant.role)).toBe(false);
    expect(await firedRoles()).toEqual([]);
  });
});
