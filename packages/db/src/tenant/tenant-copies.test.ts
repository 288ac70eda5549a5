import { randomUUID } from 'node:crypto';
import { TenantCopyError } from '@org/errors';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { findProjectResource } from '../projects/project-resources.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { branchTenantDatabase, type BranchCheckpoint } from './branch-tenant-database.js';
import { createTenantDatabase, TENANT_CONNECTION_LIMIT } from './create-tenant-database.js';
import { reopenTenantDatabase, withCopyLocks } from './close-tenant-database.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { dropTenantDatabase } from './drop-tenant-database.js';
import { dropTenantSnapshot } from './drop-tenant-snapshot.js';
import { findTenantSnapshot, listTenantSnapshots } from './list-tenant-snapshots.js';
import { openTenantCredentials } from './open-tenant-credentials.js';
import { restoreTenantDatabase, type RestoreCheckpoint } from './restore-tenant-database.js';
import { setTenantLogin } from './set-tenant-login.js';
import { snapshotTenantDatabase, type SnapshotCheckpoint } from './snapshot-tenant-database.js';
import { tenantDatabaseName, tenantSnapshotName } from './tenant-names.js';

let ctx: DbContext;
const opened: Sql[] = [];
beforeAll(async () => {
  ctx = await createTestDbContext();
});
afterAll(async () => {
  for (const sql of opened) await sql.end({ timeout: 1 }).catch(() => undefined);
  await ctx.close();
});

interface Tenant {
  projectId: string;
  databaseName: string;
  roleName: string;
  url: string;
}

async function provision(): Promise<Tenant> {
  const project = await createTestProject(ctx);
  const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx, { pool: false });
  await createTenantSchema(tenant.databaseName, project.id, ctx);
  return { ...tenant, url: tenant.connectionString };
}

function connect(url: string, database?: string): Sql {
  const target = new URL(url);
  if (database !== undefined) target.pathname = `/${database}`;
  const sql = postgres(target.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  opened.push(sql);
  return sql;
}

/** The SQLSTATE a tenant gets when it connects to `database` and asks for one row (undefined: it got in). */
async function refusal(url: string, database?: string): Promise<string | undefined> {
  const sql = connect(url, database);
  try {
    await sql`select 1`;
    return undefined;
  } catch (error) {
    const caught = error as { code?: string; cause?: { code?: string } };
    return caught.cause?.code ?? caught.code;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** A database's shape on the cluster, as the platform keeps it. */
async function shape(name: string) {
  const [row] = await ctx.client.sql<
    { owner: string; acl: string | null; allow: boolean; limit: number; template: boolean; settings: number }[]
  >`
    select pg_get_userbyid(d.datdba) as owner, d.datacl::text as acl, d.datallowconn as allow,
           d.datconnlimit as "limit", d.datistemplate as template,
           (select count(*)::int from pg_db_role_setting s where s.setdatabase = d.oid) as settings
    from pg_database d where datname = ${name}`;
  return row;
}

async function rows(url: string): Promise<number[]> {
  const sql = connect(url);
  try {
    const found = await sql<{ n: number }[]>`select n from public.things order by n`;
    return found.map((row) => row.n);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function write(url: string, statement: string): Promise<void> {
  const sql = connect(url);
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

describe('snapshotTenantDatabase', () => {
  it('copies the database into a snapshot only the platform can use, and the tenant is back in afterwards', async () => {
    const tenant = await provision();
    await write(tenant.url, 'create table public.things (n int); insert into public.things values (1), (2)');
    const session = connect(tenant.url);
    const pid = async () => (await session<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
    const first = await pid();
    const name = tenantSnapshotName(randomUUID());

    const snapshot = await snapshotTenantDatabase(tenant.databaseName, name, ctx);
    expect(snapshot).toMatchObject({ name, databaseName: tenant.databaseName, cluster: 'default', existing: false });
    expect(snapshot.sizeBytes).toBeGreaterThan(1_000_000);
    expect(snapshot.interruptedMs).toBeGreaterThan(0);
    // Its open session was ended (the client reconnected); it finds its data.
    expect(await pid()).not.toBe(first);
    expect(await rows(tenant.url)).toEqual([1, 2]);
    expect(await shape(name)).toEqual({
      owner: ctx.clusters.platformRole,
      acl: `{${ctx.clusters.platformRole}=CTc/${ctx.clusters.platformRole}}`,
      allow: false,
      limit: -1,
      template: false,
      settings: 0,
    });
    expect(await refusal(tenant.url, name)).toMatch(/^(55000|42501)$/);
    expect((await shape(tenant.databaseName))?.allow).toBe(true);

    const again = await snapshotTenantDatabase(tenant.databaseName, name, ctx);
    expect(again).toMatchObject({ name, existing: true, interruptedMs: 0 });
    expect(again.createdAt).toEqual(snapshot.createdAt);
    expect(await listTenantSnapshots(tenant.databaseName, ctx)).toEqual([
      {
        name,
        databaseName: tenant.databaseName,
        cluster: 'default',
        createdAt: snapshot.createdAt,
        sizeBytes: expect.any(Number) as unknown,
      },
    ]);
    expect((await findTenantSnapshot(name, ctx))?.name).toBe(name);
    expect(await dropTenantSnapshot(name, ctx)).toBe(true);
    expect(await dropTenantSnapshot(name, ctx)).toBe(false);
    expect(await listTenantSnapshots(tenant.databaseName, ctx)).toEqual([]);
    await dropTenantDatabase(tenant.databaseName, ctx);
  });

  it('leaves a suspended tenant suspended', async () => {
    const tenant = await provision();
    await setTenantLogin(tenant.databaseName, 'suspend', ctx);
    await snapshotTenantDatabase(tenant.databaseName, tenantSnapshotName(randomUUID()), ctx);
    expect(await refusal(tenant.url)).toBe('28000');
    await setTenantLogin(tenant.databaseName, 'resume', ctx);
    expect(await refusal(tenant.url)).toBeUndefined();
    await dropTenantDatabase(tenant.databaseName, ctx);
  });

  it.each<SnapshotCheckpoint>(['closed', 'copied', 'reopened'])(
    'is finished by a retry after dying at %s',
    async (at) => {
      const tenant = await provision();
      await write(tenant.url, 'create table public.things (n int); insert into public.things values (7)');
      const name = tenantSnapshotName(randomUUID());
      await expect(
        snapshotTenantDatabase(tenant.databaseName, name, ctx, {
          checkpoint: (reached) => {
            if (reached === at) throw new Error(`died at ${reached}`);
          },
        }),
      ).rejects.toThrow(`died at ${at}`);
      // Before the reopen, the tenant is shut out until the retry; the half-made copy is not listed.
      expect(await refusal(tenant.url)).toBe(at === 'reopened' ? undefined : '55000');
      expect(await listTenantSnapshots(tenant.databaseName, ctx)).toEqual([]);

      const retried = await snapshotTenantDatabase(tenant.databaseName, name, ctx);
      expect(retried.existing).toBe(false);
      expect(await refusal(tenant.url)).toBeUndefined();
      expect((await listTenantSnapshots(tenant.databaseName, ctx)).map((s) => s.name)).toEqual([name]);
      // Restored, it holds what the tenant had.
      await write(tenant.url, 'insert into public.things values (8)');
      await restoreTenantDatabase(tenant.databaseName, name, tenantSnapshotName(randomUUID()), ctx);
      expect(await rows(tenant.url)).toEqual([7]);
      await dropTenantDatabase(tenant.databaseName, ctx);
      expect(await findTenantSnapshot(name, ctx)).toBeUndefined();
    },
  );

  it('refuses what it must not copy', async () => {
    const tenant = await provision();
    await expect(snapshotTenantDatabase(tenant.databaseName, 'snap_x', ctx)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      snapshotTenantDatabase(tenantDatabaseName(randomUUID()), tenantSnapshotName(randomUUID()), ctx),
    ).rejects.toSatisfy((error) => TenantCopyError.is(error) && !error.retryable);
    await dropTenantDatabase(tenant.databaseName, ctx);
  });
});

describe('reopenTenantDatabase', () => {
  it('opens a closed tenant database, but never under a copy of it on its way', async () => {
    const tenant = await provision();
    const admin = await ctx.clusters.admin('default');
    // Open already: done at once, even under a copy's lock.
    expect(
      await withCopyLocks(admin, [tenant.databaseName], () => reopenTenantDatabase(tenant.databaseName, ctx)),
    ).toBe(true);
    await admin.unsafe(`alter database ${tenant.databaseName} with allow_connections false`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let copying!: () => void;
    const locked = new Promise<void>((resolve) => (copying = resolve));
    // Another operation's copy of it, holding its copy lock until released.
    const copy = withCopyLocks(admin, [tenant.databaseName], async () => {
      copying();
      await held;
    });
    await locked;
    let reopened = false;
    const reopen = reopenTenantDatabase(tenant.databaseName, ctx).then((done) => (reopened = done));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reopened).toBe(false);
    expect((await shape(tenant.databaseName))!.allow).toBe(false);
    release();
    await copy;
    await reopen;
    expect(reopened).toBe(true);
    expect((await shape(tenant.databaseName))!.allow).toBe(true);
    await dropTenantDatabase(tenant.databaseName, ctx);
  });
});

describe('restoreTenantDatabase', () => {
  it('puts the snapshot back as a tenant database shaped as created, and keeps what it replaced', async () => {
    const tenant = await provision();
    await write(tenant.url, 'create table public.things (n int); insert into public.things values (1)');
    const before = await shape(tenant.databaseName);
    const first = tenantSnapshotName(randomUUID());
    await snapshotTenantDatabase(tenant.databaseName, first, ctx);
    await write(tenant.url, 'insert into public.things values (2)');

    const preserveAs = tenantSnapshotName(randomUUID());
    const restored = await restoreTenantDatabase(tenant.databaseName, first, preserveAs, ctx);
    expect(restored).toMatchObject({ databaseName: tenant.databaseName, restored: first, existing: false });
    expect(restored.preserved).toMatchObject({
      name: preserveAs,
      databaseName: tenant.databaseName,
      replacedBy: first,
    });
    expect(restored.interruptedMs).toBeGreaterThan(0);
    expect(await rows(tenant.url)).toEqual([1]);
    expect(await shape(tenant.databaseName)).toEqual(before);
    expect(before).toMatchObject({ owner: ctx.clusters.platformRole, allow: true, limit: TENANT_CONNECTION_LIMIT });
    // The tenant still owns its table inside, and may write it.
    await write(tenant.url, 'insert into public.things values (3)');
    expect(await shape(preserveAs)).toMatchObject({
      owner: ctx.clusters.platformRole,
      acl: `{${ctx.clusters.platformRole}=CTc/${ctx.clusters.platformRole}}`,
      allow: false,
    });
    expect(await refusal(tenant.url, preserveAs)).toMatch(/^(55000|42501)$/);
    expect((await listTenantSnapshots(tenant.databaseName, ctx)).map((s) => s.name)).toEqual([first, preserveAs]);

    // Idempotent, and undone by restoring what it kept.
    expect(await restoreTenantDatabase(tenant.databaseName, first, preserveAs, ctx)).toMatchObject({ existing: true });
    await restoreTenantDatabase(tenant.databaseName, preserveAs, tenantSnapshotName(randomUUID()), ctx);
    expect(await rows(tenant.url)).toEqual([1, 2]);
    // A snapshot name that is taken is refused.
    await expect(restoreTenantDatabase(tenant.databaseName, preserveAs, first, ctx)).rejects.toMatchObject({
      code: 'TENANT_COPY_FAILED',
      retryable: false,
    });
    await dropTenantDatabase(tenant.databaseName, ctx);
    expect(await listTenantSnapshots(tenant.databaseName, ctx)).toEqual([]);
  });

  it.each<RestoreCheckpoint>(['copying', 'copied', 'closed', 'swapped'])(
    'is finished by a retry after dying at %s',
    async (at) => {
      const tenant = await provision();
      await write(tenant.url, 'create table public.things (n int); insert into public.things values (1)');
      const snapshot = tenantSnapshotName(randomUUID());
      await snapshotTenantDatabase(tenant.databaseName, snapshot, ctx);
      await write(tenant.url, 'insert into public.things values (2)');
      const preserveAs = tenantSnapshotName(randomUUID());
      await expect(
        restoreTenantDatabase(tenant.databaseName, snapshot, preserveAs, ctx, {
          checkpoint: (reached) => {
            if (reached === at) throw new Error(`died at ${reached}`);
          },
        }),
      ).rejects.toThrow(`died at ${at}`);
      expect(await refusal(tenant.url)).toBe(at === 'closed' ? '55000' : undefined);
      expect(await rows(tenant.url).catch(() => [])).toEqual(at === 'swapped' ? [1] : at === 'closed' ? [] : [1, 2]);

      const retried = await restoreTenantDatabase(tenant.databaseName, snapshot, preserveAs, ctx);
      expect(retried.existing).toBe(at === 'swapped');
      expect(await rows(tenant.url)).toEqual([1]);
      expect((await listTenantSnapshots(tenant.databaseName, ctx)).map((s) => s.name).sort()).toEqual(
        [snapshot, preserveAs].sort(),
      );
      const leftovers = await ctx.client.sql`select datname from pg_database where datname like 'restoring\\_%'`;
      expect(leftovers).toEqual([]);
      await dropTenantDatabase(tenant.databaseName, ctx);
    },
  );
});

describe('branchTenantDatabase', () => {
  it('copies a tenant into a new tenant whose login reaches only its own copy', async () => {
    const source = await provision();
    await write(
      source.url,
      `create table public.things (n int); insert into public.things values (1);
       alter table public.things enable row level security; alter table public.things force row level security;
       create policy mine on public.things to "${source.roleName}" using (true)`,
    );
    const project = await createTestProject(ctx);
    const newName = tenantDatabaseName(project.id);

    const branch = await branchTenantDatabase(source.databaseName, newName, ctx);
    expect(branch).toMatchObject({
      databaseName: newName,
      from: source.databaseName,
      existing: false,
      cluster: 'default',
    });
    expect(branch.interruptedMs).toBeGreaterThan(0);
    expect(branch.roleName).not.toBe(source.roleName);
    // Its table, its policy (now naming its role), its data; and it may write.
    expect(await rows(branch.connectionString)).toEqual([1]);
    await write(branch.connectionString, 'insert into public.things values (2)');
    expect(await rows(source.url)).toEqual([1]);
    // Neither login reaches the other's database.
    expect(await refusal(branch.connectionString, source.databaseName)).toBe('42501');
    expect(await refusal(source.url, newName)).toBe('42501');
    const [inside] = await ctx.client.sql<{ leftover: number }[]>`
      select count(*)::int as leftover from pg_shdepend s join pg_database d on d.oid = s.dbid
      where d.datname = ${newName} and s.refobjid = (select oid from pg_roles where rolname = ${source.roleName})`;
    expect(inside?.leftover).toBe(0);
    expect(await shape(newName)).toEqual(
      await shape(source.databaseName).then((s) => ({ ...s, acl: expect.any(String) as unknown })),
    );
    const creds = await openTenantCredentials(newName, ctx);
    expect(creds.password).toBe(branch.password);
    const record = await findProjectResource('databases', newName, ctx);
    expect(record?.metadata).toMatchObject({ status: 'ready', cluster: 'default', role: branch.roleName });
    const settings = connect(branch.connectionString);
    expect(await settings`select value from platform.settings where key = 'project_id'`).toEqual([
      { value: project.id },
    ]);
    expect(
      await settings`select details->>'from' as "from" from platform.audit_logs where action = 'project.branched'`,
    ).toEqual([{ from: source.databaseName }]);
    await settings.end();
    // A retry returns it as it is; each is dropped on its own.
    expect(await branchTenantDatabase(source.databaseName, newName, ctx)).toMatchObject({
      existing: true,
      password: branch.password,
    });
    await dropTenantDatabase(newName, ctx);
    expect(await rows(source.url)).toEqual([1]);
    await dropTenantDatabase(source.databaseName, ctx);
  });

  it.each<BranchCheckpoint | 'none'>(['none', 'reserved', 'copied', 'adopted'])(
    'from a snapshot, finished by a retry after dying at %s',
    async (at) => {
      const source = await provision();
      await write(source.url, 'create table public.things (n int); insert into public.things values (5)');
      const snapshot = tenantSnapshotName(randomUUID());
      await snapshotTenantDatabase(source.databaseName, snapshot, ctx);
      const project = await createTestProject(ctx);
      const newName = tenantDatabaseName(project.id);
      if (at !== 'none') {
        await expect(
          branchTenantDatabase(snapshot, newName, ctx, {
            checkpoint: (reached) => {
              if (reached === at) throw new Error(`died at ${reached}`);
            },
          }),
        ).rejects.toThrow(`died at ${at}`);
        expect(await refusal((await openTenantCredentials(newName, ctx)).connectionString)).toMatch(
          // No role yet (28P01), or no CONNECT for it yet.
          at === 'adopted' ? /^42501$/ : /^28P01$/,
        );
      }
      const branch = await branchTenantDatabase(snapshot, newName, ctx);
      expect(branch).toMatchObject({ from: snapshot, interruptedMs: 0, existing: false });
      expect(await rows(branch.connectionString)).toEqual([5]);
      expect(await refusal(source.url)).toBeUndefined();
      expect(await refusal(source.url, newName)).toBe('42501');
      await dropTenantDatabase(source.databaseName, ctx);
      expect(await rows(branch.connectionString)).toEqual([5]);
      await dropTenantDatabase(newName, ctx);
    },
  );
});

describe('dropTenantDatabase beside snapshots', () => {
  it('drops a tenant whose role another tenant granted rights to in a table its snapshot copied', async () => {
    const [granter, grantee] = [await provision(), await provision()];
    await write(
      granter.url,
      `create table public.shared (n int); grant select on public.shared to "${grantee.roleName}"`,
    );
    const snapshot = tenantSnapshotName(randomUUID());
    await snapshotTenantDatabase(granter.databaseName, snapshot, ctx);
    // The snapshot holds the grant, and takes no connections: the drop opens it for a moment.
    await dropTenantDatabase(grantee.databaseName, ctx);
    expect(await ctx.client.sql`select 1 from pg_roles where rolname = ${grantee.roleName}`).toEqual([]);
    expect(await shape(snapshot)).toMatchObject({ allow: false, owner: ctx.clusters.platformRole });
    expect((await findTenantSnapshot(snapshot, ctx))?.databaseName).toBe(granter.databaseName);
    await dropTenantDatabase(granter.databaseName, ctx);
    expect(await findTenantSnapshot(snapshot, ctx)).toBeUndefined();
  });
});
