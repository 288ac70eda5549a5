import { describe, expect, it } from 'vitest';
import { ConfigError, loadWorkerConfig } from '../src/config/worker-config.js';
import { scrubSecrets } from '../src/observability/create-logger.js';

describe('loadWorkerConfig', () => {
  it('defaults to the spec queue settings and the embedded database', () => {
    const config = loadWorkerConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      dataDir: '.data',
      queue: { attempts: 3, retryDelaySeconds: 300, heartbeatSeconds: 30 },
    });
    expect(config.services.auth.adapter).toBe('record');
  });

  it('keeps a warm pool by default on the embedded server only', () => {
    const key = { PROVISIONING_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(loadWorkerConfig({}).tenantPoolSize).toBe(3);
    expect(loadWorkerConfig({ DATABASE_URL: 'postgres://u@h/db', ...key }).tenantPoolSize).toBe(0);
    expect(loadWorkerConfig({ DATABASE_URL: 'postgres://u@h/db', ...key, TENANT_POOL_SIZE: '5' }).tenantPoolSize).toBe(
      5,
    );
    expect(loadWorkerConfig({ TENANT_POOL_SIZE: '0' }).tenantPoolSize).toBe(0);
  });

  it('names every bad variable once', () => {
    let error: unknown;
    try {
      loadWorkerConfig({
        DATABASE_URL: 'mysql://x',
        HTTP_PORT: 'eighty',
        JOB_HEARTBEAT_SECONDS: '5',
        LOG_LEVEL: 'loud',
        WORKER_CONCURRENCY: '1.5',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'HTTP_PORT',
      'JOB_HEARTBEAT_SECONDS',
      'LOG_LEVEL',
      'WORKER_CONCURRENCY',
    ]);
  });

  it('checks nested JSON settings and asks for a key with DATABASE_URL', () => {
    expect(() =>
      loadWorkerConfig({
        DATABASE_URL: 'postgres://u@h/db',
        TENANT_CLUSTERS: '{"us-east-1": []}',
        SERVICES_CONFIG: 'nope',
      }),
    ).toThrow(/PROVISIONING_SECRET_KEY[\s\S]*|SERVICES_CONFIG/);
    try {
      loadWorkerConfig({
        DATABASE_URL: 'postgres://u@h/db',
        TENANT_CLUSTERS: '{"us-east-1": []}',
        PROVISIONING_SECRET_KEY: 'k',
      });
    } catch (error) {
      expect((error as ConfigError).problems.some((p) => p.startsWith('TENANT_CLUSTERS.us-east-1'))).toBe(true);
    }
  });
});

describe('log scrubbing', () => {
  it('removes API keys and URL passwords from any line', () => {
    const key = `pk_1795808501022_${'a'.repeat(72)}`;
    const line = `{"msg":"oops ${key} postgres://tenant_x:s3cr3t@127.0.0.1:5432/db"}`;
    const scrubbed = scrubSecrets(line);
    expect(scrubbed).not.toContain('a'.repeat(72));
    expect(scrubbed).not.toContain('s3cr3t');
    expect(scrubbed).toContain('pk_1795808501022_[REDACTED]');
  });
});
