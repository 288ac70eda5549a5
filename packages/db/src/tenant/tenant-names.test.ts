import { ValidationError } from '@org/errors';
import { describe, expect, it } from 'vitest';
import {
  assertTenantSnapshotName,
  isTenantDatabaseName,
  isTenantSnapshotName,
  projectIdOfDatabase,
  restoringDatabaseName,
  tenantDatabaseName,
  tenantRoleName,
  tenantSnapshotName,
} from './tenant-names.js';

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

describe('snapshot names', () => {
  it('derives them from a UUID the platform chooses, outside the tenant namespace', () => {
    const name = tenantSnapshotName('0F8FAD5B-D9CB-469F-A165-70867728950E');
    expect(name).toBe('snap_0f8fad5b_d9cb_469f_a165_70867728950e');
    expect(isTenantSnapshotName(name)).toBe(true);
    expect(isTenantDatabaseName(name)).toBe(false);
    expect(restoringDatabaseName(name)).toBe('restoring_0f8fad5b_d9cb_469f_a165_70867728950e');
  });

  it.each(['snap_x', 'tenant_0f8fad5b_d9cb_469f_a165_70867728950e', 'snap_0f8fad5b_d9cb_469f_a165_70867728950e"'])(
    'refuses %j',
    (bad) => {
      expect(() => assertTenantSnapshotName(bad)).toThrow(ValidationError);
      expect(() => restoringDatabaseName(bad)).toThrow(ValidationError);
    },
  );
});
