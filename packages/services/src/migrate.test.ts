import { join } from 'node:path';
import { migrationDrift } from '@org/db/testing';
import { describe, expect, it } from 'vitest';
import { SERVICES_MIGRATIONS } from './migrate.js';

describe('services migrations', () => {
  it('match the Drizzle schema', () => {
    const drift = migrationDrift({
      packageDir: join(import.meta.dirname, '..'),
      schema: './src/schema/*.ts',
      migrationsFolder: SERVICES_MIGRATIONS.folder,
    });
    expect(drift.output).toContain('No schema changes');
    expect(drift.inSync).toBe(true);
  });
});
