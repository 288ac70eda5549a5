import { testDatabaseUrl } from '@org/db/testing';
import { describe, expect, it } from 'vitest';
import { PROVISION_QUEUE } from '@org/operations';
import { PROVISION_DEAD_LETTER_QUEUE } from '@org/operations';
import { NOTHING_LEFT, projectState } from './support/project-state.js';
import { spawnWorker } from './support/spawn-worker.js';
import { newProject, payloadFor, startTestQueue, waitForProject } from './support/test-worker.js';
import { useTestWorker } from './support/use-test-worker.js';

// The queue takes no jobs until a test says so: the first ones are for child workers.
const worker = useTestWorker({ work: false });

function startWorker(faults: Record<string, string>) {
  return spawnWorker({
    databaseUrl: testDatabaseUrl(),
    secretKey: worker.secretKey,
    authAdminUrl: worker.authApi.url,
    faults,
  });
}

describe('a worker killed with SIGKILL in the middle of a step', () => {
  it('is recovered by another worker, and nothing is duplicated', { timeout: 120_000 }, async () => {
    const project = await newProject(worker);
    // The child dies right after creating the tenant database, before recording the step.
    const victim = startWorker({ 'database:created': 'kill' });
    await worker.queue.send(payloadFor(project), 'test');
    expect(await victim.exited).toBe('SIGKILL');
    expect(victim.output()).toContain('provisioning started');
    const before = await projectState(worker.ctx, project.id);
    expect(before.databases).toBe(1);
    expect(before.attempts.map((a) => a.status)).toEqual(['running']);

    // A healthy worker takes the job over once the dead one's heartbeat has expired.
    await worker.queue.work(worker.ctx);
    expect((await waitForProject(worker, project.id, ['provisioned'], 90_000)).provisioningStatus).toBe('provisioned');
    const after = await projectState(worker.ctx, project.id);
    expect(after).toMatchObject({
      databases: 1,
      roles: 1,
      activeKeys: 2,
      activeServices: ['auth', 'realtime', 'storage'],
    });
    expect(after.steps.find((s) => s.step === 'validate')?.attempts).toBe(1);
    expect(after.steps.find((s) => s.step === 'database')?.attempts).toBe(2);
    expect(after.attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
    const result = await worker.ctx.journal.results.claim(project.id);
    expect(result?.api_keys).toHaveLength(2);
  });

  it(
    'the shipped CLI reads no WORKER_FAULTS: fault injection is reachable only from tests',
    { timeout: 60_000 },
    async () => {
      await worker.queue.boss.offWork(PROVISION_QUEUE);
      const shipped = spawnWorker({
        databaseUrl: testDatabaseUrl(),
        secretKey: worker.secretKey,
        authAdminUrl: worker.authApi.url,
        faults: { 'run:begun': 'kill', 'database:before': 'kill' },
        shipped: true,
      });
      await shipped.ready();
      const project = await newProject(worker);
      await worker.queue.send(payloadFor(project), 'test');
      expect((await waitForProject(worker, project.id, ['provisioned'], 30_000)).provisioningStatus).toBe(
        'provisioned',
      );
      expect(shipped.child.exitCode).toBeNull();
      shipped.child.kill('SIGTERM');
      expect(await shipped.exited).toBe(0);
      await worker.queue.work(worker.ctx);
    },
  );

  it('SIGTERM lets the worker finish and exit cleanly', { timeout: 60_000 }, async () => {
    const graceful = startWorker({});
    await graceful.ready(20_000);
    graceful.child.kill('SIGTERM');
    expect(await graceful.exited).toBe(0);
    expect(graceful.output()).toContain('"msg":"stopped"');
  });
});

describe('a worker killed during the last attempt', () => {
  it('leaves a dead-lettered job whose project is cleaned up', { timeout: 90_000 }, async () => {
    // Only the victim may take the job: stop the healthy consumers the test above started.
    await worker.queue.boss.offWork(PROVISION_QUEUE);
    await worker.queue.boss.offWork(PROVISION_DEAD_LETTER_QUEUE);
    const project = await newProject(worker);
    const victim = spawnWorker({
      databaseUrl: testDatabaseUrl(),
      secretKey: worker.secretKey,
      authAdminUrl: worker.authApi.url,
      faults: { 'services:registered:realtime': 'kill' },
      env: { JOB_ATTEMPTS: '1' },
    });
    await victim.ready();
    // A queue whose single attempt is the last one: when its heartbeat stops, pg-boss fails
    // the job for good and dead-letters it; no handler of ours ever saw the failure.
    const lastAttemptQueue = await startTestQueue({ attempts: 1 });
    await lastAttemptQueue.send(payloadFor(project), 'test');
    expect(await victim.exited).toBe('SIGKILL');
    // Killed with realtime registered; the database is made beside it, done or not yet.
    expect((await projectState(worker.ctx, project.id)).activeServices).toContain('realtime');
    await lastAttemptQueue.stop(1000);
    await worker.queue.work(worker.ctx);
    const final = await waitForProject(worker, project.id, ['failed'], 60_000);
    expect(final.provisioningError).toContain('ABANDONED');
    expect(await projectState(worker.ctx, project.id)).toMatchObject(NOTHING_LEFT);
    expect(worker.authApi.registered.has(project.id)).toBe(false);
  });
});
