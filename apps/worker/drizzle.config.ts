import { defineConfig } from 'drizzle-kit';

// The worker's journal tables. The migration is hand-edited to adopt tables that @org/db
// created before the worker owned them (IF NOT EXISTS, constraints added once).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/journal/schema/*.ts',
  out: './migrations',
  schemaFilter: ['control_plane'],
});
