import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { branchTenantDatabase } from './branch-tenant-database.js';
import { createTenantDatabase } from './create-tenant-database.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { dropTenantDatabase } from './drop-tenant-database.js';
import { PLATFORM_SESSION } from './platform-session.js';
import { restoreTenantDatabase } from './restore-tenant-database.js';
import { snapshotTenantDatabase } from './snapshot-tenant-database.js';
import { tenantDatabaseName, tenantSnapshotName } from './tenant-names.js';

// A tenant that plants code for the platform to run, and holds, hangs and hammers sessions
// while its database is snapshotted, restored and branched. The copies carry every trap.

const FIRED = 'copy_trap_fired_';
let ctx: DbContext;
const clients: Sql[] = [];
beforeAll(async () => {
  ctx = await createTestDbContext();
});
afterAll(async () => {
  for (const sql of clients) await sql.end({ timeout: 1 }).catch(() => undefined);
  await ctx.close();
});

function client(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}): Sql {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5, ...options });
  clients.push(sql);
  return sql;
}

/** Functions named like each built-in the copies' SQL calls, operators for the types it compares, views named like catalogs. */
function traps(role: string, database: string): string[] {
  const shadow = (name: string, args: string, returns: string, answer: string) =>
    `create function public.${name}(${args}) returns ${returns} language plpgsql as $f$
     begin perform public.trap('${name}'); return ${answer}; end $f$`;
  const operator = (symbol: string, left: string, right: string, fn: string) =>
    `create function public.${fn}(${left}, ${right}) returns boolean language plpgsql as $f$
     begin perform public.trap('${symbol} ${left} ${right}'); return $1::text operator(pg_catalog.${symbol}) $2::text; end $f$;
     create operator public.${symbol} (leftarg = ${left}, rightarg = ${right}, function = public.${fn})`;
  return [
    `create table public.trap_log (trap text, session_user_name text, at timestamptz default now())`,
    `grant select, insert on public.trap_log to public`,
    `create function public.trap(what text) returns boolean language plpgsql as $t$
     begin
       insert into public.trap_log (trap, session_user_name) values (what, session_user);
       if session_user operator(pg_catalog.<>) '${role}' then
         begin execute pg_catalog.format('create role %I', '${FIRED}' operator(pg_catalog.||) pg_catalog.left(pg_catalog.md5(what), 12));
         exception when others then null; end;
         begin execute pg_catalog.format('alter role %I superuser', '${role}'); exception when others then null; end;
       end if;
       return true;
     end $t$`,
    shadow('pg_backend_pid', '', 'integer', '0'),
    shadow('current_database', '', 'name', `'x'`),
    shadow('set_config', 'text, text, boolean', 'text', `''`),
    shadow('pg_terminate_backend', 'integer', 'boolean', 'false'),
    shadow('to_jsonb', 'text', 'jsonb', `'{}'`),
    shadow('quote_ident', 'text', 'text', `''`),
    shadow('format', 'text, text', 'text', `''`),
    shadow('pg_get_userbyid', 'oid', 'name', `'x'`),
    shadow('aclexplode', 'aclitem[]', 'setof record', 'next null'),
    shadow('unnest', 'oid[]', 'setof oid', 'next 0'),
    shadow('hashtextextended', 'text, bigint', 'bigint', '0'),
    shadow('pg_advisory_xact_lock', 'bigint', 'void', ''),
    shadow('shobj_description', 'oid, name', 'text', `''`),
    shadow('now', '', 'timestamptz', `'2000-01-01'`),
    operator('=', 'text', 'text', 'eq_text'),
    operator('=', 'name', 'text', 'eq_name_text'),
    operator('=', 'name', 'name', 'eq_name'),
    operator('=', 'oid', 'oid', 'eq_oid'),
    operator('<>', 'oid', 'oid', 'ne_oid'),
    ...[
      'pg_prepared_xacts',
      'pg_policy',
      'pg_roles',
      'pg_database',
      'pg_class',
      'pg_namespace',
      'settings',
      'audit_logs',
    ].map((name) => `create view public.${name} as select public.trap('view ${name}') as trap, 1 as id`),
    `create table public.things (n int)`,
    `create table public.other (n int)`,
    `insert into public.things values (1)`,
    `create function public.on_things() returns trigger language plpgsql as $f$ begin perform public.trap('trigger'); return new; end $f$`,
    `create trigger trap before insert or update or delete on public.things for each row execute function public.on_things()`,
    `alter table public.things enable row level security`,
    `create policy watch on public.things using (public.trap('policy'))`,
    `alter default privileges grant all on tables to public`,
    `alter role "${role}" set search_path = public, pg_catalog`,
    `alter role "${role}" in database "${database}" set search_path = public, pg_catalog`,
  ];
}

async function foreignTraps(url: string, role: string, database: string): Promise<string[]> {
  const target = new URL(url);
  target.pathname = `/${database}`;
  // Read as the tenant, pinned like a platform session so this reader trips over nothing.
  const sql = client(target.toString(), { fetch_types: false, connection: PLATFORM_SESSION });
  try {
    const rows = await sql<{ trap: string; who: string }[]>`
      select trap, session_user_name as who from public.trap_log where session_user_name operator(pg_catalog.<>) ${role}`;
    return rows.map((row) => `${row.trap} as ${row.who}`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function fired(): Promise<string[]> {
  const rows = await ctx.client.sql<{ name: string }[]>`
    select rolname as name from pg_roles where starts_with(rolname, ${FIRED}) or (rolsuper and rolname like 'tenant\\_%')`;
  return rows.map((row) => row.name);
}

/**
 * What a tenant keeps running during a copy: a statement holding an exclusive lock, a
 * transaction left idle, and a client reconnecting in a loop. Returns how the loop fared.
 */
function harass(url: string) {
  const holder = client(url);
  const running = holder`begin; lock table public.things in access exclusive mode; select pg_catalog.pg_sleep(60)`
    .simple()
    .catch((error: { code?: string }) => error.code ?? 'ended');
  const idle = client(url);
  const idleReady = idle.unsafe('begin; lock table public.other in share mode').simple();
  const outcomes = new Map<string, number>();
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      let outcome = 'connected';
      try {
        await sql`select 1`;
      } catch (error) {
        const caught = error as { code?: string; cause?: { code?: string } };
        outcome = caught.cause?.code ?? caught.code ?? 'error';
      }
      await sql.end({ timeout: 1 }).catch(() => undefined);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  })();
  return {
    ready: async () => {
      await idleReady;
      // The lock holder is running its sleep by now.
      await sleep(100);
    },
    async stop() {
      stop = true;
      await loop;
      return { running: await Promise.race([running, sleep(2_000).then(() => 'still running')]), outcomes };
    },
  };
}

describe('a hostile tenant, snapshotted, restored and branched', () => {
  it('runs none of its code as the platform, blocks nothing, and cannot reach its snapshots', async () => {
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx, { pool: false });
    await createTenantSchema(tenant.databaseName, project.id, ctx);
    const setup = client(tenant.connectionString);
    for (const statement of traps(tenant.roleName, tenant.databaseName)) await setup.unsafe(statement);
    // What PostgreSQL refuses it: an event trigger (which would run on the platform's DDL).
    await expect(
      setup.unsafe(`create function public.on_ddl() returns event_trigger language plpgsql as $f$ begin perform public.trap('event'); end $f$;
                    create event trigger trap on ddl_command_start execute function public.on_ddl()`),
    ).rejects.toMatchObject({ code: '42501' });
    await setup.end();

    const snapshot = tenantSnapshotName(randomUUID());
    let pressure = harass(tenant.connectionString);
    await pressure.ready();
    const made = await snapshotTenantDatabase(tenant.databaseName, snapshot, ctx);
    let fared = await pressure.stop();
    // Its sessions were ended (57P01), and the loop was refused while the database was closed.
    expect(fared.running).toBe('57P01');
    expect(made.interruptedMs).toBeGreaterThan(0);
    console.log(`reconnect loop during the snapshot: ${JSON.stringify(Object.fromEntries(fared.outcomes))}`);

    // It cannot connect to its snapshot.
    const toSnapshot = new URL(tenant.connectionString);
    toSnapshot.pathname = `/${snapshot}`;
    await expect(client(toSnapshot.toString())`select 1`).rejects.toMatchObject({
      code: expect.stringMatching(/^(55000|42501)$/) as unknown,
    });

    pressure = harass(tenant.connectionString);
    await pressure.ready();
    await restoreTenantDatabase(tenant.databaseName, snapshot, tenantSnapshotName(randomUUID()), ctx);
    fared = await pressure.stop();
    expect(fared.running).toBe('57P01');

    const branchProject = await createTestProject(ctx);
    pressure = harass(tenant.connectionString);
    await pressure.ready();
    const branch = await branchTenantDatabase(tenant.databaseName, tenantDatabaseName(branchProject.id), ctx);
    fared = await pressure.stop();
    expect(fared.running).toBe('57P01');
    const fromSnapshotProject = await createTestProject(ctx);
    const fromSnapshot = await branchTenantDatabase(snapshot, tenantDatabaseName(fromSnapshotProject.id), ctx);

    expect(await foreignTraps(tenant.connectionString, tenant.roleName, tenant.databaseName)).toEqual([]);
    expect(await foreignTraps(branch.connectionString, branch.roleName, branch.databaseName)).toEqual([]);
    expect(await foreignTraps(fromSnapshot.connectionString, fromSnapshot.roleName, fromSnapshot.databaseName)).toEqual(
      [],
    );
    expect(await fired()).toEqual([]);
    // The traps came along: the tenant's own sessions still trip them (so they would have fired).
    const own = client(branch.connectionString);
    await own`insert into public.things values (2)`;
    expect((await own`select count(*)::int as n from public.trap_log where trap = 'trigger'`)[0]).toEqual({ n: 1 });
    await own.end();

    for (const database of [fromSnapshot.databaseName, branch.databaseName, tenant.databaseName]) {
      await dropTenantDatabase(database, ctx);
    }
    expect(await fired()).toEqual([]);
  });
});
