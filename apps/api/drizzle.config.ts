import { defineConfig } from 'drizzle-kit';

// The API's own tables: admin tokens and idempotency records.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/*.ts',
  out: './migrations',
  schemaFilter: ['control_plane'],
});
