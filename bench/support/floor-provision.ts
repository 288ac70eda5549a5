import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { TENANT_MIGRATIONS } from '@org/db';
import postgres, { type Sql } from 'postgres';

const tenantStatements = readMigrationFiles({ migrationsFolder: TENANT_MIGRATIONS.folder })
  .flatMap((m) => m.sql)
  .filter((s) => s.trim() !== '');

/**
 * The floor: the statements provisioning one project must execute, as plain SQL through
 * postgres.js, with no library code. Role and database (the creator's, CONNECT for the role
 * alone), the platform's tenant tables and indexes with their seed rows, the tenant's grants, and the control-plane rows
 * (resources, services, key hashes, project status). With `template` (a database that
 * already holds the tenant schema), the database is copied from it and only the seed rows
 * and grants are written: the bare SQL of a templated provisioning. With `pooled`, a ready
 * database of the warm pool (`control_plane.tenant_pool`, filled from the template) is
 * claimed and renamed instead: the bare SQL of a pooled provisioning.
 */
export async function floorProvision(
  sql: Sql,
  clusterUrl: string,
  projectId: string,
  options: { template?: string; pooled?: boolean } = {},
): Promise<void> {
  const database = `tenant_${projectId.replaceAll('-', '_')}`;
  const role = `${database}_owner`;
  const password = randomBytes(24).toString('base64url');
  if (options.pooled) {
    const [claimed] = await sql<{ name: string }[]>`
      update control_plane.tenant_pool set state = 'claimed', project_id = ${projectId}, claimed_at = now()
      where database_name = (select database_name from control_plane.tenant_pool where cluster = 'default' and state = 'ready'
                             order by created_at limit 1 for update skip locked)
      returning database_name as name`;
    if (claimed === undefined) throw new Error('the floor found the warm pool empty');
    await sql`insert into control_plane.project_resources (project_id, resource_type, resource_id, metadata)
              values (${projectId}, 'databases', ${database}, ${sql.json({ cluster: 'default', pooled: claimed.name })})`;
    await sql
      .unsafe(
        `create role "${role}" with login nosuperuser nocreatedb nocreaterole connection limit 20 password '${password}';` +
          `grant "${role}" to current_user with inherit true, set true;` +
          `alter database "${claimed.name}" rename to "${database}";` +
          `alter database "${database}" with allow_connections true connection limit 20;` +
          `revoke all on database "${database}" from public;` +
          `grant connect, temporary on database "${database}" to "${role}"`,
      )
      .simple();
    await sql`delete from control_plane.tenant_pool where database_name = ${claimed.name}`;
  } else {
    await sql`insert into control_plane.project_resources (project_id, resource_type, resource_id, metadata)
              values (${projectId}, 'databases', ${database}, ${sql.json({ cluster: 'default' })})`;
    await sql
      .unsafe(
        `create role "${role}" with login nosuperuser nocreatedb nocreaterole connection limit 20 password '${password}';` +
          `grant "${role}" to current_user with inherit true, set true`,
      )
      .simple();
    await sql.unsafe(
      `create database "${database}" with template "${options.template ?? 'template0'}" encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' connection limit 20`,
    );
    await sql.unsafe(`revoke all on database "${database}" from public`);
    await sql.unsafe(`grant connect, temporary on database "${database}" to "${role}"`);
  }

  const url = new URL(clusterUrl);
  url.pathname = `/${database}`;
  const tenant = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    if (options.template === undefined && !options.pooled) {
      await tenant.begin(async (tx) => {
        await tx.unsafe('create schema if not exists platform');
        await tx.unsafe(
          'create table if not exists platform.schema_migrations (id serial primary key, hash text not null, created_at bigint not null)',
        );
        for (const statement of tenantStatements) await tx.unsafe(statement);
        await tx`insert into platform.schema_migrations (hash, created_at) values ('floor', 0)`;
      });
    }
    await tenant`insert into platform.settings (key, value) values ('project_id', ${tenant.json(projectId)})`;
    await tenant`insert into platform.audit_logs (action, actor, resource_type, resource_id) values ('project.provisioned', 'control-plane', 'project', ${projectId})`;
    await tenant.unsafe(
      `grant usage, create on schema public to "${role}";` +
        `grant usage on schema platform to "${role}";` +
        `grant select on all tables in schema platform to "${role}"`,
    );
  } finally {
    await tenant.end();
  }

  for (const service of ['auth', 'realtime', 'storage']) {
    await sql`insert into control_plane.project_services (project_id, service_type, service_id, endpoint, status)
              values (${projectId}, ${service}, ${`${service}_${projectId}`}, ${`https://${projectId}.${service}.example`}, 'active')`;
    await sql`insert into control_plane.project_resources (project_id, resource_type, resource_id) values (${projectId}, 'services', ${service})`;
  }
  // Both keys in one statement, as generateApiKeys does; the control plane's trigger
  // records them in project_resources (packages/operations/migrations/0001).
  const keys = Array.from({ length: 2 }, (_, i) => ({
    id: `key_${randomUUID()}`,
    project_id: projectId,
    key_hash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    key_prefix: 'bench',
    key_start: 'bench_…',
    name: `default ${i + 1}`,
  }));
  await sql`insert into control_plane.api_keys ${sql(keys)}`;
  await sql`update control_plane.projects set provisioning_status = 'provisioned', provisioned_at = now() where id = ${projectId}`;
}
