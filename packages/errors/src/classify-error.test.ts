import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.js';
import { ProjectNotFoundError, DatabaseCreationError, ProvisioningNetworkError } from './provisioning-errors.js';
import { ValidationError } from './validation-error.js';

function pgError(code: string): Error {
  // The shape postgres.js gives a server error: name PostgresError, code, severity.
  return Object.assign(new Error('server said no'), { name: 'PostgresError', code, severity: 'ERROR' });
}

function errnoError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code, errno: -1, syscall: 'connect' });
}

describe('classifyError', () => {
  it.each([
    '08000',
    '08003',
    '08006',
    '08001',
    '08004',
    '08P01',
    '40001',
    '40P01',
    '53300',
    '55P03',
    '55006',
    '57P01',
    '57P02',
    '57P03',
  ])('SQLSTATE %s is transient', (code) => {
    expect(classifyError(pgError(code))).toMatchObject({ retryable: true, code });
  });

  it.each(['23505', '23503', '23502', '42P01', '42601', '42501', '42P04', '28P01', '3D000', '53100', 'XX000'])(
    'SQLSTATE %s is permanent',
    (code) => {
      expect(classifyError(pgError(code))).toMatchObject({ retryable: false, code });
    },
  );

  it.each(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])(
    'errno %s is transient',
    (code) => {
      expect(classifyError(errnoError(code))).toMatchObject({ retryable: true, code });
    },
  );

  it('treats a postgres.js EPIPE with severity-less shape as errno, not SQLSTATE', () => {
    expect(classifyError(errnoError('EPIPE')).reason).toContain('network');
  });

  it.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [408, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [422, false],
  ])('HTTP %i retryable=%s', (status, retryable) => {
    expect(classifyError(Object.assign(new Error('http'), { status }))).toMatchObject({
      retryable,
      code: `HTTP_${status}`,
    });
  });

  it('reads Retry-After seconds from headers', () => {
    const error = Object.assign(new Error('slow down'), { status: 429, headers: new Headers({ 'retry-after': '7' }) });
    expect(classifyError(error).retryAfterMs).toBe(7000);
  });

  it('reads Retry-After from a plain header record and statusCode', () => {
    const error = Object.assign(new Error('unavailable'), { statusCode: 503, headers: { 'retry-after': '2' } });
    expect(classifyError(error)).toMatchObject({ retryable: true, retryAfterMs: 2000 });
  });

  it('keeps our own errors as they are', () => {
    expect(classifyError(new ProjectNotFoundError('p1'))).toMatchObject({
      retryable: false,
      code: 'PROJECT_NOT_FOUND',
    });
    expect(classifyError(new ProvisioningNetworkError('down'))).toMatchObject({
      retryable: true,
      code: 'NETWORK_ERROR',
    });
    expect(classifyError(new ValidationError([{ path: 'a', message: 'bad' }]))).toMatchObject({ retryable: false });
  });

  it('lets a permanent cause make a usually transient error permanent', () => {
    expect(new DatabaseCreationError('create failed', { cause: pgError('42501') }).retryable).toBe(false);
    expect(new DatabaseCreationError('create failed', { cause: pgError('57P03') }).retryable).toBe(true);
    expect(new DatabaseCreationError('create failed').retryable).toBe(true);
  });

  it('follows causes: fetch failed over ECONNRESET is transient', () => {
    const error = new TypeError('fetch failed', { cause: errnoError('ECONNRESET') });
    expect(classifyError(error)).toMatchObject({ retryable: true, code: 'ECONNRESET' });
  });

  it('aborts are final, timeouts are retried', () => {
    expect(classifyError(new DOMException('aborted', 'AbortError'))).toMatchObject({
      retryable: false,
      code: 'ABORTED',
    });
    expect(classifyError(new DOMException('timed out', 'TimeoutError'))).toMatchObject({
      retryable: true,
      code: 'TIMEOUT',
    });
  });

  it('programmer errors are not retried, unknown errors are', () => {
    expect(classifyError(new TypeError('x is not a function'))).toMatchObject({
      retryable: false,
      code: 'PROGRAMMER_ERROR',
    });
    expect(classifyError(new Error('something odd'))).toMatchObject({ retryable: true, code: 'UNKNOWN' });
    expect(classifyError('a string')).toMatchObject({ retryable: false, code: 'UNKNOWN' });
    expect(classifyError(undefined)).toMatchObject({ retryable: false });
  });
});
