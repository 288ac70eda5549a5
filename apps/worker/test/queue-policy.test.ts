import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase, testSecretKey } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateControlPlane } from '@org/operations';
import { ProvisioningQueue } from '../src/queue/provisioning-queue.js';
import { PROVISION_QUEUE } from '@org/operations';
import { DEFAULT_QUEUE_SETTINGS } from '../src/queue/queue-settings.js';
import { spawnWorker } from './support/spawn-worker.js';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../src/cli.ts');

// A database of its own: other test files apply their own queue policies to the shared one.
let database: TestDatabase;
let url: string;
const secretKey = testSecretKey();

beforeAll(async () => {
  database = await createTestDatabase('queue_policy');
  url = database.url;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await migrateControlPlane(sql);
  await sql.end();
});
afterAll(() => database.drop());

async function policy() {
  const queue = new ProvisioningQueue(url);
  await queue.boss.start();
  try {
    return await queue.boss.getQueue(PROVISION_QUEUE);
  } finally {
    await queue.stop(1000);
  }
}

describe('the queue policy has one owner: the workers', () => {
  it('a provision run with other settings leaves the policy as the workers set it', async () => {
    const workers = new ProvisioningQueue(url, DEFAULT_QUEUE_SETTINGS);
    await workers.start();
    await workers.applyPolicy();
    await workers.stop(1000);
    const result = await run(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', cli, 'provision', '--timeout', '1'],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          PROVISIONING_SECRET_KEY: secretKey,
          JOB_ATTEMPTS: '7',
          JOB_RETRY_DELAY_SECONDS: '5',
          JOB_HEARTBEAT_SECONDS: '99',
          LOG_LEVEL: 'silent',
        },
      },
    ).catch((error: { code: number; stdout: string }) => error);
    expect(result.stdout).toMatch(/provision [0-9a-f-]{36} queued/);
    expect(await policy()).toMatchObject({ retryLimit: 2, retryDelay: 300, heartbeatSeconds: 30 });
  });

  it('a changed heartbeat setting takes effect on the next worker start, logged with old and new values', async () => {
    const worker = spawnWorker({
      databaseUrl: url,
      secretKey,
      authAdminUrl: 'http://127.0.0.1:9/admin',
      shipped: true,
      env: { JOB_ATTEMPTS: '3', JOB_RETRY_DELAY_SECONDS: '300', JOB_HEARTBEAT_SECONDS: '45', SERVICES_CONFIG: '{}' },
    });
    try {
      await worker.ready();
      const line = worker
        .output()
        .split('\n')
        .find((l) => l.includes('"msg":"queue policy changed"'));
      expect(JSON.parse(line!) as unknown).toMatchObject({ changed: { heartbeatSeconds: { from: 30, to: 45 } } });
      expect(await policy()).toMatchObject({ retryLimit: 2, retryDelay: 300, heartbeatSeconds: 45 });
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });
});
