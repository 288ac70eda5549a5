import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDbContext, getProject } from '@org/db';
import { testDatabaseUrl, waitFor } from '@org/db/testing';
import { cleanUpAbandonedProvisioning } from '../src/provisioning/clean-up-abandoned.js';
import { provisionProject } from '../src/provisioning/provision-project.js';
import { NOTHING_LEFT, projectState } from './support/project-state.js';
import { newProject, payloadFor } from './support/test-worker.js';
import { useTestWorker } from './support/use-test-worker.js';

const worker = useTestWorker();

describe('settling a run', () => {
  it('a retry of a job that had provisioned the project says RESULT_UNAVAILABLE once the result is claimed', async () => {
    const project = await newProject(worker);
    // The run commits its success, then fails before the queue hears of it (as if its worker died).
    worker.faults.set(project.id, new Map([['run:settled', 'fail-once']]));
    const jobId = await worker.queue.send(payloadFor(project), 'test');
    // Claimed as soon as it is there, before the job's retry (a second later) runs.
    await waitFor(async () => (await getProject(project.id, worker.db))?.provisioningStatus, {
      until: (status) => status === 'provisioned',
      what: `project ${project.id} provisioned`,
      timeoutMs: 5000,
      intervalMs: 50,
    });
    const claimed = await worker.ctx.journal.results.claim(project.id);
    expect(claimed?.api_keys).toHaveLength(2);
    const job = await waitFor(() => worker.queue.boss.getJobById('provision_project', jobId!), {
      until: (seen) => seen?.state === 'completed',
      what: `job ${jobId} completed`,
      timeoutMs: 10_000,
    });
    expect(job).toMatchObject({ state: 'completed', retryCount: 1 });
    expect(job?.output).toEqual({ success: true, project_id: project.id, result: 'unavailable' });
    // The direct form of the same outcome: a distinct code, never an empty result.
    const again = await provisionProject(payloadFor(project), worker.ctx, { jobId: jobId!, attempt: 3 });
    expect(again.result).toMatchObject({ success: false, error: { code: 'RESULT_UNAVAILABLE', retryable: false } });
    expect(again.job.state).toBe('completed');
  });

  it('a failing undo is COMPENSATION_FAILED, keeps the step that failed first, and is finished by the clean-up', async () => {
    const project = await newProject(worker);
    worker.faults.set(project.id, new Map([['api_keys:generated', 'fail']]));
    worker.authApi.always('DELETE /projects', { status: 500 });
    try {
      const outcome = await provisionProject(payloadFor(project), worker.ctx, { finalAttempt: true });
      expect(outcome.result).toMatchObject({
        success: false,
        error: {
          code: 'COMPENSATION_FAILED',
          step: 'api_keys',
          context: { undoStep: 'services', failedStep: 'api_keys', original: { code: 'ECONNRESET' } },
        },
      });
      expect(outcome.job.state).toBe('deadletter');
      expect((await getProject(project.id, worker.db))?.provisioningStatus).toBe('provisioning');
    } finally {
      worker.authApi.always('DELETE /projects', undefined);
      worker.faults.delete(project.id);
    }
    // What the dead-letter consumer does with the job: compensate again, now successfully.
    expect(await cleanUpAbandonedProvisioning(payloadFor(project), worker.ctx)).toBe(true);
    expect(await projectState(worker.ctx, project.id)).toMatchObject(NOTHING_LEFT);
    expect((await getProject(project.id, worker.db))?.provisioningStatus).toBe('failed');
  });

  it('a pool closed under a run is a retryable CONNECTION_ENDED with no driver text, not UNKNOWN', async () => {
    const project = await newProject(worker);
    const closed = createDbContext({ databaseUrl: testDatabaseUrl(), secretKey: Buffer.alloc(32, 1) });
    await closed.close();
    const jobId = randomUUID();
    const outcome = await provisionProject(
      payloadFor(project),
      { ...worker.ctx, db: closed, services: { ...worker.ctx.services, db: closed } },
      { finalAttempt: false, jobId },
    );
    expect(outcome.result).toMatchObject({
      success: false,
      error: { code: 'CONNECTION_ENDED', retryable: true, step: 'validate' },
    });
    expect(outcome.job.state).toBe('failed');
    expect(JSON.stringify(outcome)).not.toContain('Failed query');
    const line = worker.logLines.find((l) => l.includes(project.id) && l.includes('attempt failed'));
    expect(JSON.parse(line!) as unknown).toMatchObject({
      error: { code: 'CONNECTION_ENDED' },
      jobId,
      attempt: 1,
    });
  });
});
