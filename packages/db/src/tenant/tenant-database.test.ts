import { randomUUID } from 'node:crypto';
import {
  DatabaseCreationError,
  ProjectNotFoundError,
  RegionUnavailableError,
  SchemaCreationError,
  ValidationError,
} from '@org/errors';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { findProjectResource, listProjectResources } from '../projects/project-resources.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { connectToTenantDatabase, withTenantDatabase } from './connect-to-tenant-database.js';
import { createTenantDatabase, TENANT_CONNECTION_LIMIT } from './create-tenant-database.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { dropTenantDatabase } from './drop-tenant-database.js';
import { setTenantLogin } from './set-tenant-login.js';
import { tenantDatabaseExists } from './tenant-database-exists.js';
import { tenantDatabaseName } from './tenant-names.js';

/**
 * The SQLSTATE a query on a client was refused with. A session the server ended reaches
 * postgres.js as CONNECTION_CLOSED, with the server's error as its cause.
 */
async function refusal(query: Promise<unknown>): Promise<string | undefined> {
  const error = await query.then(
    () => undefined,
    (caught: unknown) => caught as { code?: string; cause?: { code?: string } },
  );
  return error?.cause?.code ?? error?.code;
}

let ctx: DbContext;
beforeAll(async () => {
  ctx = await createTestDbContext();
});
afterAll(() => ctx.close());

describe('createTenantDatabase / tenantDatabaseExists / dropTenantDatabase', () => {
  it('round-trips, with the database and role configured as the spec says', async () => {
    const project = await createTestProject(ctx);
    const name = tenantDatabaseName(project.id);
    expect(await tenantDatabaseExists(name, ctx)).toBe(false);

    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    expect(tenant).toMatchObject({
      databaseName: name,
      roleName: `${name}_owner`,
      cluster: 'default',
      region: 'us-east-1',
    });
    expect(tenant.connectionString).toContain(`/${name}`);
    expect(await tenantDatabaseExists(name, ctx)).toBe(true);

    const [db] = await ctx.client.sql<
      { encoding: string; collate: string; limit: number; owner: string; acl: string }[]
    >`
      select pg_encoding_to_char(encoding) as encoding, datcollate as collate, datconnlimit as limit,
             pg_get_userbyid(datdba) as owner, datacl::text as acl
      from pg_database where datname = ${name}`;
    // The platform owns the database; the tenant may connect and make temporary tables.
    expect(db).toMatchObject({
      encoding: 'UTF8',
      collate: 'C.UTF-8',
      limit: TENANT_CONNECTION_LIMIT,
      owner: ctx.clusters.platformRole,
    });
    expect(db?.acl).not.toMatch(/(^|[{,])=/); // no PUBLIC entry: CONNECT revoked
    expect(db?.acl).toContain(`${tenant.roleName}=Tc/`);
    const [role] = await ctx.client.sql`
      select rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin, rolconnlimit
      from pg_roles where rolname = ${tenant.roleName}`;
    expect(role).toEqual({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      rolcanlogin: true,
      rolconnlimit: TENANT_CONNECTION_LIMIT,
    });

    // The tenant logs in with the returned connection string.
    const asTenant = postgres(tenant.connectionString, { max: 1 });
    expect((await asTenant`select current_user as u`)[0]?.['u']).toBe(tenant.roleName);
    await asTenant.end();

    // Only a sealed password is stored.
    const record = await findProjectResource('databases', name, ctx);
    expect(JSON.stringify(record)).not.toContain(tenant.password);
    expect(record?.metadata).toMatchObject({ cluster: 'default', status: 'ready' });

    await dropTenantDatabase(name, ctx);
    expect(await tenantDatabaseExists(name, ctx)).toBe(false);
    expect(await ctx.client.sql`select 1 from pg_roles where rolname = ${tenant.roleName}`).toHaveLength(0);
    expect(await listProjectResources(project.id, 'databases', ctx)).toEqual([]);
    await dropTenantDatabase(name, ctx); // missing: a no-op
  });

  it('creating twice returns the same database and password', async () => {
    const project = await createTestProject(ctx);
    const [a, b] = await Promise.all([
      createTenantDatabase(project.id, 'us-east-1', ctx),
      createTenantDatabase(project.id, 'us-east-1', ctx),
    ]);
    const c = await createTenantDatabase(project.id, 'us-east-1', ctx);
    // Only where it came from differs: one call made it, the others found it.
    const { source: _a, ...made } = a;
    const { source: _b, ...second } = b;
    const { source: _c, ...third } = c;
    expect(second).toEqual(made);
    expect(third).toEqual(made);
    expect(c.source).toBe('existing');
    const asTenant = postgres(c.connectionString, { max: 1 });
    expect(await asTenant`select 1 as one`).toEqual([{ one: 1 }]);
    await asTenant.end();
    await dropTenantDatabase(a.databaseName, ctx);
  });

  it('a creation stopped between the copy and its grants gives the database to its role on the retry', async () => {
    const project = await createTestProject(ctx);
    const name = tenantDatabaseName(project.id);
    const stopAtCopied = (point: string) => {
      if (point === 'copied') throw new Error('stopped at copied');
    };
    await expect(
      createTenantDatabase(project.id, 'us-east-1', ctx, { pool: false, checkpoint: stopAtCopied }),
    ).rejects.toBeInstanceOf(DatabaseCreationError);
    const read = async () =>
      (
        await ctx.client.sql<{ owner: string; acl: string | null }[]>`
          select pg_get_userbyid(datdba) as owner, datacl::text as acl from pg_database where datname = ${name}`
      )[0];
    // The premise: the copy exists, the platform's and not yet closed to PUBLIC (a null ACL).
    expect(await read()).toMatchObject({ acl: null, owner: ctx.clusters.platformRole });

    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx, { pool: false });
    expect(tenant.source).toBe('existing');
    const after = await read();
    expect(after?.owner).toBe(ctx.clusters.platformRole);
    expect(after?.acl).not.toMatch(/(^|[{,])=/);
    expect(after?.acl).toContain(`${tenant.roleName}=Tc/`);
    const asTenant = postgres(tenant.connectionString, { max: 1 });
    expect(await asTenant`select 1 as one`).toEqual([{ one: 1 }]);
    await asTenant.end();
    await dropTenantDatabase(name, ctx);
  });

  it('drops a database that has open connections', async () => {
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    const open = await connectToTenantDatabase(tenant.databaseName, { as: 'owner' }, ctx);
    await open`select 1`;
    await dropTenantDatabase(tenant.databaseName, ctx);
    expect(await tenantDatabaseExists(tenant.databaseName, ctx)).toBe(false);
    // Its session ended with the database (DROP ... WITH (FORCE) waits for that), so the client
    // logs in again as a role that is gone: 28P01 where the server checks passwords (the
    // embedded one does), 28000 "role does not exist" on a trust DATABASE_URL.
    expect(['28P01', '28000']).toContain(await refusal(open`select 1`));
    await open.end({ timeout: 1 });
  });

  it('a suspended login is refused and its open session ended; resumed, it connects again', async () => {
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    const open = await connectToTenantDatabase(tenant.databaseName, { as: 'owner' }, ctx);
    await open`select 1`;
    expect(await setTenantLogin(tenant.databaseName, 'suspend', ctx)).toBe(true);
    expect(await setTenantLogin(tenant.databaseName, 'suspend', ctx)).toBe(true); // idempotent
    // pg_terminate_backend does not wait for the session to end, so the client either hears it
    // end (57P01, admin_shutdown) or has heard it already and is refused a new login (28000).
    // The first came in 1 of 8 runs here; either way the query never runs.
    expect(['57P01', '28000']).toContain(await refusal(open`select 1`));
    await open.end({ timeout: 1 });
    const refused = postgres(tenant.connectionString, { max: 1, onnotice: () => {} });
    // 28000: the role is not permitted to log in (whatever the server's authentication method).
    await expect(refused`select 1`).rejects.toMatchObject({ code: '28000' });
    await refused.end({ timeout: 1 });
    await setTenantLogin(tenant.databaseName, 'resume', ctx);
    const again = postgres(tenant.connectionString, { max: 1, onnotice: () => {} });
    expect(await again`select 1 as one`).toEqual([{ one: 1 }]);
    await again.end();
    await dropTenantDatabase(tenant.databaseName, ctx);
    // Nothing recorded any more: nothing to do.
    expect(await setTenantLogin(tenant.databaseName, 'resume', ctx)).toBe(false);
  });

  it('refuses bad input before creating anything', async () => {
    await expect(createTenantDatabase('not-a-uuid', 'us-east-1', ctx)).rejects.toBeInstanceOf(ValidationError);
    const project = await createTestProject(ctx);
    await expect(createTenantDatabase(project.id, 'mars-north-1', ctx)).rejects.toSatisfy((e: unknown) =>
      RegionUnavailableError.is(e),
    );
    await expect(createTenantDatabase(randomUUID(), 'us-east-1', ctx)).rejects.toSatisfy((e: unknown) =>
      ProjectNotFoundError.is(e),
    );
    await expect(dropTenantDatabase('postgres', ctx)).rejects.toBeInstanceOf(ValidationError);
    expect(await listProjectResources(project.id, undefined, ctx)).toEqual([]);
  });

  it('an unreachable cluster is a typed error and nothing is recorded', async () => {
    const deadUrl = 'postgres://postgres:x@127.0.0.1:1/postgres';
    const dead = await createTestDbContext({
      clusters: {
        'us-east-1': [{ name: 'dead', url: deadUrl }],
        'us-west-2': [{ name: 'dead', url: deadUrl }],
        'eu-west-1': [{ name: 'dead', url: deadUrl }],
        'ap-southeast-1': [{ name: 'dead', url: deadUrl }],
      },
    });
    try {
      const project = await createTestProject(dead);
      const error: unknown = await createTenantDatabase(project.id, 'us-east-1', dead).catch((e: unknown) => e);
      expect(RegionUnavailableError.is(error)).toBe(true);
      expect((error as RegionUnavailableError).retryable).toBe(true);
      expect(await listProjectResources(project.id, undefined, dead)).toEqual([]);
    } finally {
      await dead.close();
    }
  });
});

describe('createTenantSchema', () => {
  it('creates the tables, indexes and seed rows, idempotently', async () => {
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    const first = await createTenantSchema(tenant.databaseName, project.id, ctx);
    const second = await createTenantSchema(tenant.databaseName, project.id, ctx);
    // The database came from the cluster's tenant template, schema included.
    expect(first).toMatchObject({ applied: 0 });
    expect(first.version).toBeGreaterThan(0);
    expect(second).toMatchObject({ applied: 0, version: first.version });

    await withTenantDatabase(
      tenant.databaseName,
      async (sql) => {
        const columns = await sql<{ table_name: string; column_name: string }[]>`
        select table_name, column_name from information_schema.columns
        where table_schema = 'platform' order by table_name, ordinal_position`;
        const byTable = Object.groupBy(columns, (c) => c.table_name);
        expect(byTable['settings']?.map((c) => c.column_name)).toEqual(['key', 'value', 'updated_at']);
        expect(byTable['audit_logs']?.map((c) => c.column_name)).toEqual([
          'id',
          'action',
          'actor',
          'resource_type',
          'resource_id',
          'details',
          'created_at',
        ]);
        expect(byTable['schema_migrations']?.map((c) => c.column_name)).toEqual(['id', 'hash', 'created_at']);
        const indexes = await sql<
          { indexname: string }[]
        >`select indexname from pg_indexes where schemaname = 'platform' order by 1`;
        expect(indexes.map((i) => i.indexname)).toEqual(
          expect.arrayContaining(['audit_logs_action_idx', 'audit_logs_created_at_idx', 'audit_logs_resource_idx']),
        );
        expect(await sql`select value from platform.settings where key = 'project_id'`).toEqual([
          { value: project.id },
        ]);
        expect(await sql`select action from platform.audit_logs`).toEqual([{ action: 'project.provisioned' }]);
      },
      { as: 'owner' },
      ctx,
    );

    // The tenant reads the platform's tables and cannot change them; `public` is its own.
    await withTenantDatabase(
      tenant.databaseName,
      async (sql) => {
        await expect(sql`insert into platform.settings (key, value) values ('theme', '"dark"')`).rejects.toMatchObject({
          code: '42501',
        });
        await expect(sql`delete from platform.schema_migrations`).rejects.toMatchObject({ code: '42501' });
        await expect(sql`create table platform.mine (id int)`).rejects.toMatchObject({ code: '42501' });
        await sql`create table public.mine (id int)`;
        await sql`insert into mine values (1)`;
        expect(await sql`select id from mine`).toEqual([{ id: 1 }]);
      },
      { as: 'owner' },
      ctx,
    );
    await dropTenantDatabase(tenant.databaseName, ctx);
  });

  it('on an empty database applies every migration with the seed, or nothing when a statement fails', async () => {
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    // As a database made without a template (template0) would be: no tenant schema yet.
    const admin = await ctx.clusters.admin(tenant.cluster);
    await admin.unsafe(`drop database ${tenant.databaseName} with (force)`);
    await admin.unsafe(`create database ${tenant.databaseName} template template0`);
    await admin.unsafe(`grant connect, temporary on database ${tenant.databaseName} to ${tenant.roleName}`);
    const tables = (sql: postgres.Sql) =>
      sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'platform' order by 1`;

    // A statement of the second script fails (the migration's own `create table settings`):
    // nothing stays, not even the bookkeeping table the first script made.
    await withTenantDatabase(
      tenant.databaseName,
      (sql) => sql.unsafe('create schema platform; create table platform.settings (unrelated int)').simple(),
      {},
      ctx,
    );
    await expect(createTenantSchema(tenant.databaseName, project.id, ctx)).rejects.toSatisfy((error) =>
      SchemaCreationError.is(error),
    );
    await withTenantDatabase(
      tenant.databaseName,
      async (sql) => {
        expect((await tables(sql)).map((t) => t.name)).toEqual(['settings']);
        await sql`drop table platform.settings`;
      },
      {},
      ctx,
    );

    const schema = await createTenantSchema(tenant.databaseName, project.id, ctx, { cluster: tenant.cluster });
    expect(schema.applied).toBeGreaterThan(0);
    expect(schema.applied).toBe(schema.version);
    await withTenantDatabase(
      tenant.databaseName,
      async (sql) => {
        expect((await tables(sql)).map((t) => t.name)).toEqual(['audit_logs', 'schema_migrations', 'settings']);
        expect(await sql`select value from platform.settings where key = 'project_id'`).toEqual([
          { value: project.id },
        ]);
        expect(await sql`select count(*)::int as n from platform.schema_migrations`).toEqual([{ n: schema.version }]);
      },
      { as: 'owner' },
      ctx,
    );
    await dropTenantDatabase(tenant.databaseName, ctx);
  });

  it('wraps failures in a SchemaCreationError', async () => {
    const project = await createTestProject(ctx);
    // No database was created for this project, so there is nothing to connect to.
    const error: unknown = await createTenantSchema(tenantDatabaseName(project.id), project.id, ctx).catch(
      (e: unknown) => e,
    );
    expect(SchemaCreationError.is(error)).toBe(true);
    expect(DatabaseCreationError.is((error as Error).cause)).toBe(true);
  });
});
