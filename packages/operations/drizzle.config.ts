import { defineConfig } from 'drizzle-kit';

// The operations and journal tables. The first migration is hand-edited to adopt tables that @org/db
// created before the journal owned them (IF NOT EXISTS, constraints added once).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/*.ts',
  out: './migrations',
  schemaFilter: ['control_plane'],
});
