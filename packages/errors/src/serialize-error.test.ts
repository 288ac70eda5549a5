import { describe, expect, it } from 'vitest';
import { CompensationError } from './compensation-error.js';
import { ProjectNotEligibleError } from './lifecycle-errors.js';
import { ParallelRetryError } from './parallel-retry-error.js';
import { DatabaseCreationError } from './provisioning-errors.js';
import { serializeError } from './serialize-error.js';
import { ValidationError } from './validation-error.js';

// The shape Drizzle gives a failed query: its message quotes the statement and parameters.
function drizzleWrapped(cause: unknown): Error {
  return Object.assign(new Error('Failed query: insert into t values ($1)\nparams: hunter2-secret'), { cause });
}

describe('serializeError', () => {
  it('sees through Drizzle’s wrapper to the SQLSTATE and never keeps the raw message', () => {
    const pg = Object.assign(new Error('duplicate key value (hunter2-secret)'), {
      name: 'PostgresError',
      code: '23505',
      severity: 'ERROR',
    });
    const serialized = serializeError(drizzleWrapped(pg));
    expect(serialized).toMatchObject({ code: '23505', sqlState: '23505', retryable: false });
    expect(JSON.stringify(serialized)).not.toContain('hunter2');
  });

  it('a pool closed at shutdown is a retryable CONNECTION_ENDED, not UNKNOWN', () => {
    const ended = Object.assign(new Error('write CONNECTION_ENDED 127.0.0.1:5432'), { code: 'CONNECTION_ENDED' });
    expect(serializeError(drizzleWrapped(ended))).toMatchObject({ code: 'CONNECTION_ENDED', retryable: true });
  });

  it('keeps our code, message, context, fields and the cause chain', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(serializeError(new DatabaseCreationError('Could not create tenant_x', { cause }))).toEqual({
      code: 'DATABASE_CREATION_FAILED',
      message: 'Could not create tenant_x',
      retryable: true,
      cause: { code: 'ECONNREFUSED', message: 'network error ECONNREFUSED', retryable: true },
    });
    expect(serializeError(new ValidationError([{ path: 'region', message: 'unknown' }]))).toMatchObject({
      fields: ['region'],
    });
    expect(serializeError(new ProjectNotEligibleError('p', 'provisioned'))).toMatchObject({
      code: 'PROJECT_NOT_ELIGIBLE',
      retryable: false,
      context: { status: 'provisioned' },
    });
  });

  it('a parallel failure is retryable only when every failure is', () => {
    const transient = Object.assign(new Error('x'), { code: 'ECONNRESET' });
    const permanent = new ValidationError([{ path: 'a', message: 'b' }]);
    expect(new ParallelRetryError([{ operationName: 'auth', error: transient }]).retryable).toBe(true);
    expect(
      new ParallelRetryError([
        { operationName: 'auth', error: transient },
        { operationName: 'storage', error: permanent },
      ]).retryable,
    ).toBe(false);
  });

  it('a compensation failure keeps the step that failed first and its error', () => {
    const original = new DatabaseCreationError('create failed');
    const undo = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    const error = new CompensationError('database', undo, { step: 'schema', error: original });
    expect(serializeError(error)).toMatchObject({
      code: 'COMPENSATION_FAILED',
      retryable: true,
      context: { undoStep: 'database', failedStep: 'schema', original: { code: 'DATABASE_CREATION_FAILED' } },
      cause: { code: 'ECONNRESET' },
    });
  });

  it('non-errors serialise without throwing', () => {
    expect(serializeError('text')).toMatchObject({ code: 'UNKNOWN', retryable: false });
    expect(serializeError(undefined)).toMatchObject({ code: 'UNKNOWN' });
  });
});
