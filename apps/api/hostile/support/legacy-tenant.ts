import { randomBytes, randomUUID } from 'node:crypto';
import { createSecretBox, loadSecretKey, scramSha256Verifier, tenantConnectionUrl } from '@org/db';
import postgres, { type Sql } from 'postgres';

/** A tenant as @org/db made it before the platform owned tenant databases. */
export interface LegacyTenant {
  projectId: string;
  databaseName: string;
  role: string;
  password: string;
  /** The tenant's own login URL. */
  url: string;
}

// The tenant schema's first migration as @org/db 0.1 shipped it: unqualified, so in `public`.
const LEGACY_SCHEMA = [
  `CREATE TABLE "audit_logs" ("id" bigserial PRIMARY KEY NOT NULL, "action" text NOT NULL, "actor" text NOT NULL,
     "resource_type" text, "resource_id" text, "details" jsonb DEFAULT '{}'::jsonb NOT NULL,
     "created_at" timestamp with time zone DEFAULT now() NOT NULL)`,
  `CREATE TABLE "settings" ("key" text PRIMARY KEY NOT NULL, "value" jsonb NOT NULL,
     "updated_at" timestamp with time zone DEFAULT now() NOT NULL)`,
  `CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs" USING btree ("created_at")`,
  `CREATE INDEX "audit_logs_action_idx" ON "audit_logs" USING btree ("action","created_at")`,
  `CREATE INDEX "audit_logs_resource_idx" ON "audit_logs" USING btree ("resource_type","resource_id")`,
];
/** The `when` of that migration: the current tenant migrations keep it. */
const LEGACY_MIGRATION_WHEN = 1795806833945;

/**
 * Makes a provisioned project the way the code of commit b3b9744 did, statement for
 * statement: a login role that owns its database (so, through `pg_database_owner`, schema
 * `public` too), the tenant schema in `public` created by the cluster's superuser with the
 * tenant's DML grants, and the control plane's records (project, sealed password). For the
 * conversion's tests: nothing in today's code makes such a database any more.
 */
export async function createLegacyTenant(
  sql: Sql,
  clusterUrl: string,
  secretKey: string,
  organizationId: string,
): Promise<LegacyTenant> {
  const projectId = randomUUID();
  const databaseName = `tenant_${projectId.replaceAll('-', '_')}`;
  const role = `${databaseName}_owner`;
  const password = randomBytes(24).toString('base64url');
  const box = createSecretBox(loadSecretKey({ key: secretKey }));
  await sql`
    insert into control_plane.projects (id, name, region, owner_id, organization_id, provisioning_status, provisioned_at)
    values (${projectId}, 'legacy project', 'eu-west-1', 'owner-legacy', ${organizationId}, 'provisioned', now())`;
  await sql`
    insert into control_plane.project_resources (project_id, resource_type, resource_id, metadata)
    values (${projectId}, 'databases', ${databaseName}, ${sql.json({
      status: 'ready',
      region: 'eu-west-1',
      cluster: 'default',
      role,
      passwordSealed: box.seal(password, databaseName),
    })})`;
  await sql.unsafe(
    `create role "${role}" with login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls ` +
      `connection limit 20 password '${scramSha256Verifier(password)}'`,
  );
  await sql.unsafe(
    `create database "${databaseName}" with template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' connection limit 20`,
  );
  await sql
    .unsafe(
      `alter database "${databaseName}" owner to "${role}";` +
        `revoke all on database "${databaseName}" from public;` +
        `grant connect, temporary on database "${databaseName}" to "${role}"`,
    )
    .simple();
  const inside = postgres(tenantConnectionUrl(clusterUrl, databaseName), { max: 1, onnotice: () => {} });
  try {
    await inside.begin(async (tx) => {
      await tx.unsafe(
        'create table if not exists public.schema_migrations (id serial primary key, hash text not null, created_at bigint not null)',
      );
      for (const statement of LEGACY_SCHEMA) await tx.unsafe(statement);
      await tx`insert into public.schema_migrations (hash, created_at) values ('legacy', ${LEGACY_MIGRATION_WHEN})`;
      await tx.unsafe(`grant usage on schema public to "${role}"`);
      await tx.unsafe(`grant select, insert, update, delete on all tables in schema public to "${role}"`);
      await tx.unsafe(`grant usage, select on all sequences in schema public to "${role}"`);
      await tx.unsafe(`revoke insert, update, delete on schema_migrations from "${role}"`);
      await tx`insert into settings (key, value) values ('project_id', ${tx.json(projectId)})`;
      await tx`insert into audit_logs (action, actor, resource_type, resource_id) values ('project.provisioned', 'control-plane', 'project', ${projectId})`;
    });
  } finally {
    await inside.end();
  }
  return {
    projectId,
    databaseName,
    role,
    password,
    url: tenantConnectionUrl(clusterUrl, databaseName, { user: role, password }),
  };
}

/** A template and a pooled database as @org/db 0.1 left them: the superuser's. */
export async function createLegacyCopies(sql: Sql, poolPrefix: string): Promise<{ template: string; pooled: string }> {
  const template = 'template_tenant_v1_000000legacy';
  const pooled = `${poolPrefix}legacy${randomBytes(4).toString('hex')}`;
  await sql.unsafe(`create database "${template}" template template0 is_template true allow_connections false`);
  await sql.unsafe(`create database "${pooled}" template "${template}" allow_connections false`);
  await sql`insert into control_plane.tenant_pool (database_name, cluster, template, state)
            values (${pooled}, 'default', ${template}, 'ready')`;
  return { template, pooled };
}
