import { defineConfig } from 'drizzle-kit';

// The platform's schema inside every tenant database (`platform`, see
// src/tenant-schema/platform-schema.ts). Its migrations table is the contract's
// `platform.schema_migrations`, so a tenant can see which schema version it runs.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/tenant-schema/*.ts',
  out: './tenant-migrations',
  schemaFilter: ['platform'],
});
