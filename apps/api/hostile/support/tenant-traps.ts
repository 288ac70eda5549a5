import postgres, { type ReservedSql, type Sql } from 'postgres';

/** One thing a hostile tenant tries inside its database, and what came of it. */
export interface Trap {
  name: string;
  /** What the tenant runs, as itself. */
  sql: string;
  /** `planted`: it is there for the platform to trip over; `refused`: PostgreSQL said no (with the code). */
  outcome?: 'planted' | `refused ${string}`;
}

/** Roles a trap makes when it runs in any session but its tenant's: they outlive the database. */
export const FIRED_ROLE_PREFIX = 'trap_fired_';

/**
 * The recorder every trap calls: a row in `public.trap_log` (the tenant reads it), and, when
 * the session is not the tenant's own, a role `trap_fired_<hash>` (a platform role may create
 * roles: it stays after the database is dropped) and an attempt to make the tenant a
 * superuser (what the attack of issue 31 did).
 */
function recorder(role: string): string[] {
  return [
    `create table public.trap_log (trap text, session_user_name text, current_user_name text, at timestamptz default now())`,
    `grant select, insert on public.trap_log to public`,
    `create function public.trap(what text) returns boolean language plpgsql as $t$
     begin
       insert into public.trap_log (trap, session_user_name, current_user_name) values (what, session_user, current_user);
       if session_user operator(pg_catalog.<>) '${role}' then
         begin
           execute pg_catalog.format('create role %I', '${FIRED_ROLE_PREFIX}' operator(pg_catalog.||) pg_catalog.left(pg_catalog.md5(what operator(pg_catalog.||) pg_catalog.current_database()), 16));
         exception when others then null;
         end;
         begin
           execute pg_catalog.format('alter role %I superuser', '${role}');
         exception when others then null;
         end;
       end if;
       return true;
     end $t$`,
  ];
}

/** A function of the tenant's named like a built-in the platform calls: it records, then answers plausibly. */
function shadow(name: string, args: string, returns: string, answer: string): Trap {
  return {
    name: `function public.${name}(${args})`,
    sql: `create function public.${name}(${args}) returns ${returns} language plpgsql as $f$
          begin perform public.trap('${name}(${args})'); return ${returns === 'void' ? '' : answer}; end $f$`,
  };
}

/** An operator of the tenant's for types the platform compares: it records, then compares. */
function operator(symbol: string, left: string, right: string, fn: string): Trap {
  return {
    name: `operator public.${symbol} (${left}, ${right})`,
    sql:
      `create function public.${fn}(${left}, ${right}) returns boolean language plpgsql as $f$
       begin perform public.trap('${symbol}(${left},${right})'); return $1::text operator(pg_catalog.${symbol}) $2::text; end $f$;` +
      `create operator public.${symbol} (leftarg = ${left}, rightarg = ${right}, function = public.${fn})`,
  };
}

/** A view named like a catalog or platform table, whose column calls the recorder. */
function view(name: string): Trap {
  return {
    name: `view public.${name}`,
    sql: `create view public.${name} as select public.trap('view ${name}') as trap, 1 as id`,
  };
}

/**
 * The traps a tenant sets for a platform session to run its code: functions and operators
 * shadowing each built-in the platform's SQL in a tenant database uses (in `public`, the one
 * schema it may write), views named like the platform's tables and the catalogs, and its
 * role's own settings (a search_path putting `public` first).
 *
 * Kept apart from {@link blockingTraps} on another tenant: a trap that makes a platform
 * session fail (a read-only database, a dropped table) would roll back what a code trap did
 * in it, and hide it (found running this suite against the model before the boundary).
 */
export function codeTraps(databaseName: string, role: string): Trap[] {
  return [
    ...[
      shadow('hashtextextended', 'text, bigint', 'bigint', '0'),
      shadow('pg_advisory_xact_lock', 'bigint', 'void', 'null'),
      shadow('pg_advisory_lock', 'bigint', 'void', 'null'),
      shadow('pg_advisory_unlock', 'bigint', 'boolean', 'true'),
      shadow('pg_try_advisory_lock', 'bigint', 'boolean', 'true'),
      shadow('now', '', 'timestamptz', "'2000-01-01'"),
      shadow('set_config', 'text, text, boolean', 'text', "''"),
      shadow('current_setting', 'text', 'text', "''"),
      shadow('current_database', '', 'name', "'x'"),
      shadow('starts_with', 'text, text', 'boolean', 'false'),
      shadow('pg_terminate_backend', 'integer', 'boolean', 'false'),
      shadow('pg_get_userbyid', 'oid', 'name', "'x'"),
      shadow('shobj_description', 'oid, name', 'text', "''"),
      shadow('pg_has_role', 'name, text, text', 'boolean', 'true'),
      shadow('to_jsonb', 'text', 'jsonb', "'{}'"),
      shadow('jsonb_set', 'jsonb, text[], jsonb, boolean', 'jsonb', "'{}'"),
      shadow('format', 'text, text', 'text', "''"),
      shadow('cardinality', 'text[]', 'integer', '0'),
      shadow('left', 'text, integer', 'text', "''"),
      shadow('version', '', 'text', "''"),
    ],
    operator('=', 'text', 'text', 'eq_text'),
    operator('=', 'name', 'name', 'eq_name'),
    operator('=', 'name', 'text', 'eq_name_text'),
    operator('=', 'oid', 'oid', 'eq_oid'),
    operator('=', '"char"', '"char"', 'eq_char'),
    operator('<>', 'oid', 'oid', 'ne_oid'),
    operator('<>', 'name', 'text', 'ne_name_text'),
    operator('~', 'text', 'text', 'match_text'),
    ...['schema_migrations', 'settings', 'audit_logs', 'pg_roles', 'pg_database', 'pg_namespace', 'pg_class'].map(view),
    view('pg_stat_activity'),
    view('pg_prepared_xacts'),
    view('pg_shdepend'),
    { name: 'its own role: search_path', sql: `alter role "${role}" set search_path = public, pg_catalog` },
    {
      name: 'its role in its database: search_path',
      sql: `alter role "${role}" in database "${databaseName}" set search_path = public, pg_catalog`,
    },
  ];
}

/**
 * The traps a tenant sets to take what the platform must keep, or to block an operation on
 * it: triggers on, writes to and changes of the platform's tables, schemas, extensions,
 * event triggers, its database's settings, owner, template flag and connection limit, its
 * role's attributes, default privileges, and a prepared transaction (which would make
 * `DROP DATABASE` fail).
 */
export function blockingTraps(databaseName: string, role: string): Trap[] {
  return [
    {
      name: 'trigger on platform.settings',
      sql: `create function public.on_settings() returns trigger language plpgsql as $f$ begin perform public.trap('trigger'); return new; end $f$;
            create trigger trap before insert or update on platform.settings for each row execute function public.on_settings()`,
    },
    { name: 'table in the platform schema', sql: `create table platform.planted (id int)` },
    { name: 'alter platform.settings', sql: `alter table platform.settings add column planted int` },
    { name: 'drop platform.schema_migrations', sql: `drop table platform.schema_migrations` },
    { name: 'write platform.settings', sql: `insert into platform.settings (key, value) values ('planted', '1')` },
    { name: 'schema of its own', sql: `create schema planted` },
    // Rolled back if allowed: it would take the recorder with it.
    { name: 'drop schema public', sql: `begin; drop schema public cascade; rollback` },
    { name: 'extension', sql: `create extension if not exists pgcrypto` },
    {
      name: 'event trigger',
      sql: `create function public.on_ddl() returns event_trigger language plpgsql as $f$ begin perform public.trap('event'); end $f$;
            create event trigger trap on ddl_command_start execute function public.on_ddl()`,
    },
    { name: 'database search_path', sql: `alter database "${databaseName}" set search_path = public, pg_catalog` },
    { name: 'database read only', sql: `alter database "${databaseName}" set default_transaction_read_only = on` },
    { name: 'template flag', sql: `alter database "${databaseName}" with is_template true` },
    { name: 'connection limit', sql: `alter database "${databaseName}" connection limit -1` },
    { name: 'database owner', sql: `alter database "${databaseName}" owner to "${role}"` },
    { name: 'its own role: superuser', sql: `alter role "${role}" superuser` },
    { name: 'its own role: connection limit', sql: `alter role "${role}" connection limit -1` },
    { name: 'default privileges', sql: `alter default privileges grant all on tables to public` },
    {
      name: 'prepared transaction',
      sql: `begin; create table public.prepared_trap (id int); prepare transaction 'trap_${databaseName}'`,
    },
  ];
}

/** Rights a tenant grants another tenant's role (`other`): they would keep that role from being dropped. */
export function crossTenantTraps(other: string): Trap[] {
  return [
    {
      name: 'a grant to another tenant’s role',
      sql: `create table public.shared (id int); grant select on public.shared to "${other}"`,
    },
    {
      name: 'a policy naming another tenant’s role',
      sql: `alter table public.shared enable row level security; create policy trap on public.shared to "${other}" using (true)`,
    },
  ];
}

/** Sets every trap as the tenant, one statement script each, recording what PostgreSQL did. */
export async function plant(url: string, role: string, list: Trap[]): Promise<Trap[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(recorder(role).join(';')).simple();
    for (const trap of list) {
      try {
        await sql.unsafe(trap.sql).simple();
        trap.outcome = 'planted';
      } catch (error) {
        await sql.unsafe('rollback').catch(() => undefined);
        trap.outcome = `refused ${(error as { code?: string }).code ?? 'error'}`;
      }
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  return list;
}

/**
 * Sessions of the tenant that hold what the platform needs: a transaction left open with a
 * lock on a platform table, and the advisory lock the tenant migrations take. Closed by the
 * caller (or ended by the platform).
 */
export async function holdLocks(url: string): Promise<{ sessions: ReservedSql[]; close(): Promise<void> }> {
  const sql: Sql = postgres(url, { max: 2, onnotice: () => {} });
  const table = await sql.reserve();
  await table.unsafe('begin; lock table platform.settings in access share mode').simple();
  const advisory = await sql.reserve();
  await advisory`select pg_catalog.pg_advisory_lock(pg_catalog.hashtextextended('migrations:platform.schema_migrations', 0))`;
  return {
    sessions: [table, advisory],
    async close() {
      await sql.end({ timeout: 1 }).catch(() => undefined);
    },
  };
}
