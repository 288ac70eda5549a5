import { defineConfig } from 'drizzle-kit';

// The schema inside every tenant database. Its migrations table is the contract's
// `schema_migrations`, so a tenant can see which schema version it runs.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/tenant-schema/*.ts',
  out: './tenant-migrations',
});
