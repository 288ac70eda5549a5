import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as errors from './index.js';

const { ProvisioningError, ProjectNotFoundError, QuotaExceededError, ValidationError, isProvisioningError } = errors;

describe('ProvisioningError', () => {
  it('carries code, retryable, context and cause', () => {
    const cause = Object.assign(new Error('boom'), { code: '57P03' });
    const error = new ProvisioningError('CUSTOM', 'it failed', { retryable: true, cause, context: { projectId: 'p' } });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ProvisioningError');
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({
      name: 'ProvisioningError',
      code: 'CUSTOM',
      message: 'it failed',
      retryable: true,
      sqlState: '57P03',
      context: { projectId: 'p' },
      // The cause is foreign: its classification is kept, never its own text.
      cause: { code: '57P03', message: 'cannot connect now', retryable: true, sqlState: '57P03' },
    });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: 'CUSTOM' });
  });

  it('subclasses have stable codes and names', () => {
    const quota = new QuotaExceededError('api_keys', 10, 10);
    expect(quota).toMatchObject({ name: 'QuotaExceededError', code: 'QUOTA_EXCEEDED', retryable: false, limit: 10 });
    expect(QuotaExceededError.is(quota)).toBe(true);
    expect(ProjectNotFoundError.is(quota)).toBe(false);
  });

  it('ValidationError lists every field', () => {
    const error = new ValidationError([
      { path: 'project_id', message: 'must be a UUID' },
      { path: 'region', message: 'unknown region' },
    ]);
    expect(error.message).toBe('Invalid input: project_id: must be a UUID; region: unknown region');
    expect(error.issues).toHaveLength(2);
    expect(error.context['fields']).toEqual(['project_id', 'region']);
    expect(error.retryable).toBe(false);
  });

  it('non-errors are not provisioning errors', () => {
    expect(isProvisioningError(new Error('x'))).toBe(false);
    expect(isProvisioningError(null)).toBe(false);
    expect(isProvisioningError({ code: 'PROJECT_NOT_FOUND' })).toBe(false);
  });
});

describe('two copies of @org/errors', () => {
  // A second, separately loaded copy of the package, as when two dependencies each
  // install their own: instanceof fails across them, the brand and codes must not.
  const dir = mkdtempSync(join(tmpdir(), 'org-errors-copy-'));
  for (const file of readdirSync(import.meta.dirname)) {
    if (file.endsWith('.ts') && !file.endsWith('.test.ts')) cpSync(join(import.meta.dirname, file), join(dir, file));
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('recognises and classifies each other’s errors', async () => {
    const copy = (await import(join(dir, 'index.ts'))) as typeof errors;
    expect(copy.ProjectNotFoundError).not.toBe(ProjectNotFoundError);

    const foreign = new copy.ProjectNotFoundError('p1');
    expect(foreign instanceof ProjectNotFoundError).toBe(false);
    expect(isProvisioningError(foreign)).toBe(true);
    expect(ProjectNotFoundError.is(foreign)).toBe(true);
    expect(errors.classifyError(foreign)).toEqual(copy.classifyError(foreign));

    const local = new errors.ProvisioningNetworkError('down');
    expect(copy.isProvisioningError(local)).toBe(true);
    expect(copy.classifyError(local)).toEqual({ retryable: true, code: 'NETWORK_ERROR', reason: 'down' });

    const pg = Object.assign(new Error('x'), { code: '40P01', severity: 'ERROR' });
    expect(copy.classifyError(pg)).toEqual(errors.classifyError(pg));
  });
});
