import { verifyApiKey } from '@org/api-keys';
import { waitFor } from '@org/db/testing';
import { ValidationError } from '@org/errors';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { PROVISIONING_STEPS } from '../src/provisioning/provisioning-steps.js';
import { NOTHING_LEFT, projectState } from './support/project-state.js';
import { newProject, payloadFor, waitForProject } from './support/test-worker.js';
import { useTestWorker } from './support/use-test-worker.js';

const worker = useTestWorker();
const secrets: string[] = [];

async function jobOf(jobId: string) {
  const job = await worker.queue.boss.getJobById('provision_project', jobId);
  return job!;
}

function failedJob(jobId: string) {
  return waitFor(() => jobOf(jobId), {
    until: (job) => job.state === 'failed',
    what: `job ${jobId} failed`,
    timeoutMs: 10_000,
  });
}

describe('provision_project through the queue', () => {
  it('provisions a project end to end; the result can be claimed once', async () => {
    const project = await newProject(worker, 'eu-west-1');
    const jobId = await worker.queue.send(payloadFor(project), 'test');
    expect(jobId).toEqual(expect.any(String));
    expect((await waitForProject(worker, project.id)).provisioningStatus).toBe('provisioned');

    const result = await worker.ctx.journal.results.claim(project.id);
    expect(result).toBeDefined();
    expect(await worker.ctx.journal.results.claim(project.id)).toBeUndefined();
    expect(result!.api_keys).toHaveLength(2);
    expect(Object.keys(result!.services).sort()).toEqual(['auth', 'realtime', 'storage']);
    secrets.push(result!.database.password, ...result!.api_keys.map((k) => k.key));

    const tenant = postgres(result!.database.connection_string, { max: 1 });
    expect(await tenant`select key from platform.settings`).toEqual([{ key: 'project_id' }]);
    await tenant.end();
    for (const key of result!.api_keys) expect((await verifyApiKey(key.key, {}, worker.db)).valid).toBe(true);
    expect(worker.authApi.registered.has(project.id)).toBe(true);

    const state = await projectState(worker.ctx, project.id);
    expect(state).toMatchObject({
      databases: 1,
      roles: 1,
      activeKeys: 2,
      activeServices: ['auth', 'realtime', 'storage'],
    });
    expect(state.steps.map((s) => s.step)).toEqual([...PROVISIONING_STEPS]);
    expect(state.steps.every((s) => s.status === 'completed' && s.attempts === 1)).toBe(true);
    const job = await jobOf(jobId!);
    expect(job.state).toBe('completed');
    expect(job.output).toEqual({ success: true, project_id: project.id });
  });

  it.each(PROVISIONING_STEPS.map((step) => [step]))(
    'a transient failure after the %s step is retried by the queue, and nothing is repeated',
    async (step) => {
      const project = await newProject(worker);
      worker.faults.set(project.id, new Map([[`${step}:after`, 'fail-once']]));
      const jobId = await worker.queue.send(payloadFor(project), 'test');
      expect((await waitForProject(worker, project.id)).provisioningStatus).toBe('provisioned');
      const state = await projectState(worker.ctx, project.id);
      expect(state).toMatchObject({
        databases: 1,
        roles: 1,
        activeKeys: 2,
        activeServices: ['auth', 'realtime', 'storage'],
      });
      // Steps finished before the fault ran once; the interrupted one ran twice.
      for (const row of state.steps) expect(row.attempts).toBe(row.step === step ? 2 : 1);
      expect(state.attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
      expect((await jobOf(jobId!)).retryCount).toBe(1);
      const result = await worker.ctx.journal.results.claim(project.id);
      expect(result!.api_keys).toHaveLength(2);
      secrets.push(result!.database.password, ...result!.api_keys.map((k) => k.key));
    },
  );

  it('retries a failure inside a step in-process, within the same attempt', async () => {
    const project = await newProject(worker);
    worker.faults.set(project.id, new Map([['database:created', 'fail-once']]));
    await worker.queue.send(payloadFor(project), 'test');
    await waitForProject(worker, project.id);
    const state = await projectState(worker.ctx, project.id);
    expect(state.attempts.map((a) => a.status)).toEqual(['succeeded']);
    expect(state.databases).toBe(1);
    const retries = (await worker.ctx.metrics!.stepRetries.get()).values.find((v) => v.labels.step === 'database');
    expect(retries?.value).toBeGreaterThanOrEqual(1);
    expect(worker.logLines.some((line) => line.includes(project.id) && line.includes('step failed, retrying'))).toBe(
      true,
    );
  });

  it('after 3 failed attempts it compensates: no database, role, active service or key is left', async () => {
    const project = await newProject(worker);
    worker.faults.set(project.id, new Map([['api_keys:generated', 'fail']]));
    const jobId = await worker.queue.send(payloadFor(project), 'test');
    const final = await waitForProject(worker, project.id, ['failed']);
    // A foreign error's own text is never stored: its classification is.
    expect(final.provisioningError).toBe('ECONNRESET: network error ECONNRESET');
    const state = await projectState(worker.ctx, project.id);
    expect(state).toMatchObject({ ...NOTHING_LEFT, steps: [] });
    expect(state.attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'failed']);
    expect(worker.authApi.registered.has(project.id)).toBe(false);
    const job = await jobOf(jobId!);
    expect(job.state).toBe('failed');
    expect(job.retryCount).toBe(2);
  });

  it('fails a job with a non-retryable error at once, without using retries', async () => {
    const project = await newProject(worker);
    await worker.db.client.sql`update control_plane.projects set status = 'suspended' where id = ${project.id}`;
    const jobId = await worker.queue.send(payloadFor(project), 'test');
    const job = await failedJob(jobId!);
    expect(job.state).toBe('failed');
    expect(job.retryCount).toBe(0);
    expect(job.output).toMatchObject({
      success: false,
      error: { code: 'PROJECT_NOT_ELIGIBLE', context: { status: 'suspended' } },
    });
    expect((await projectState(worker.ctx, project.id)).databases).toBe(0);
  });

  it('refuses bad payloads before queueing, naming every field', async () => {
    const error: unknown = await worker.queue
      .send(
        {
          project_id: 'nope',
          region: 'mars-1',
          api_keys: { count: 50, prefix: 'X' },
          owner_id: '',
          organization_id: 'o',
        } as never,
        'test',
      )
      .catch((e: unknown) => e);
    expect(ValidationError.is(error)).toBe(true);
    expect([...new Set((error as ValidationError).issues.map((i) => i.path))].sort()).toEqual([
      'api_keys.count',
      'api_keys.prefix',
      'owner_id',
      'project_id',
      'region',
    ]);
  });

  it('10 concurrent sends for one project provision it once', async () => {
    const project = await newProject(worker);
    const ids = await Promise.all(Array.from({ length: 10 }, () => worker.queue.send(payloadFor(project), 'test')));
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    await waitForProject(worker, project.id);
    const state = await projectState(worker.ctx, project.id);
    expect(state).toMatchObject({ databases: 1, activeKeys: 2 });
    expect(state.attempts).toHaveLength(1);
    // Once done, a new send is accepted but finds the project provisioned and changes nothing.
    const late = await worker.queue.send(payloadFor(project), 'test');
    expect((await failedJob(late!)).output).toMatchObject({ error: { code: 'PROJECT_NOT_ELIGIBLE' } });
    expect(await projectState(worker.ctx, project.id)).toMatchObject({ databases: 1, activeKeys: 2 });
    await worker.ctx.journal.results.claim(project.id);
  });

  it('no table (pg-boss included) and no log line holds a plaintext key or password', async () => {
    expect(secrets.length).toBeGreaterThan(10);
    const tables = await worker.db.client.sql<{ schema: string; table: string }[]>`
      select table_schema as schema, table_name as table from information_schema.tables
      where table_schema in ('control_plane', 'pgboss') and table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(5);
    for (const { schema, table } of tables) {
      const rows = await worker.db.client.sql.unsafe(`select t::text as row from "${schema}"."${table}" t`);
      const dump = rows.map((r) => String(r['row'])).join('\n');
      for (const secret of secrets) expect(dump.includes(secret), `${schema}.${table}`).toBe(false);
    }
    const logs = worker.logLines.join('');
    expect(logs).toContain('project provisioned');
    for (const secret of secrets) expect(logs.includes(secret)).toBe(false);
  });
});
