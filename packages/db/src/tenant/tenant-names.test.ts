import { ValidationError } from '@org/errors';
import { describe, expect, it } from 'vitest';
import { projectIdOfDatabase, tenantDatabaseName, tenantRoleName } from './tenant-names.js';

describe('tenant names', () => {
  it('derives names from the project UUID', () => {
    const name = tenantDatabaseName('550E8400-E29B-41D4-A716-446655440000');
    expect(name).toBe('tenant_550e8400_e29b_41d4_a716_446655440000');
    expect(tenantRoleName(name)).toBe('tenant_550e8400_e29b_41d4_a716_446655440000_owner');
    expect(projectIdOfDatabase(name)).toBe('550e8400-e29b-41d4-a716-446655440000');
  });

  it.each([
    '',
    'abc',
    "x'; drop database postgres; --",
    '550e8400-e29b-41d4-a716-44665544000g',
    '550e8400e29b41d4a716446655440000',
  ])('refuses %j', (bad) => {
    expect(() => tenantDatabaseName(bad)).toThrow(ValidationError);
    expect(() => tenantRoleName(`tenant_${bad}`)).toThrow(ValidationError);
  });
});
