import { setTimeout as sleep } from 'node:timers/promises';
import { testDatabaseUrl } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProvisioningJournal } from '../src/journal/index.js';
import { provisionProject } from '../src/provisioning/provision-project.js';
import type { WorkerContext } from '../src/provisioning/worker-context.js';
import { projectState } from './support/project-state.js';
import { newProject, payloadFor } from './support/test-worker.js';
import { useTestWorker } from './support/use-test-worker.js';

const worker = useTestWorker({ queue: false });

// Abort on loss (issue 33): a run that loses its project stops at its next await point,
// completes no step after the loss, writes and undoes nothing (even on its final attempt),
// and leaves what it made for the next run, which resumes it.
describe('a run that loses its project', () => {
  // A lease of 5 s: the holder checks its lock's session every second.
  let journal: ProvisioningJournal;
  beforeAll(() => {
    journal = new ProvisioningJournal({
      databaseUrl: testDatabaseUrl(),
      secrets: worker.db.secrets,
      connections: 4,
      lockTimeoutMs: 5000,
      leaseSeconds: 5,
      applicationName: 'lost-lease-journal',
    });
  });
  afterAll(() => journal.close());

  /** Runs a provisioning whose project is lost by `lose` at `schema:before`; records the checkpoints passed. */
  const runLosing = async (lose: (projectId: string) => Promise<void>, signal?: AbortSignal) => {
    const project = await newProject(worker);
    const passed: { checkpoint: string; lost: boolean }[] = [];
    let lost = false;
    const ctx: WorkerContext = {
      ...worker.ctx,
      journal,
      onCheckpoint: async (checkpoint) => {
        passed.push({ checkpoint, lost });
        if (checkpoint !== 'schema:before') return;
        await lose(project.id);
        lost = true;
      },
    };
    const outcome = await provisionProject(payloadFor(project), ctx, {
      attempt: 1,
      finalAttempt: true,
      storeResult: false,
      ...(signal ? { signal } : {}),
    });
    return { project, outcome, passed };
  };

  const expectLeftForTheNextRun = async ({ project, outcome, passed }: Awaited<ReturnType<typeof runLosing>>) => {
    expect(outcome.job.state).toBe('failed');
    expect(outcome.result).toMatchObject({ success: false, error: { code: 'LEASE_LOST', retryable: true } });
    // Not one checkpoint passed after the loss, and no step completed that had not passed its last before it.
    expect(passed.filter((p) => p.lost)).toEqual([]);
    const finished = passed.filter((p) => p.checkpoint.endsWith(':after')).map((p) => p.checkpoint.split(':')[0]);
    const state = await projectState({ db: worker.db, journal }, project.id);
    const completed = state.steps.filter((step) => step.status === 'completed').map((step) => step.step);
    expect(finished).not.toContain('schema');
    expect(finished).toEqual(expect.arrayContaining(completed));
    // What the run made stays: on its final attempt it would have been undone, had it still held the project.
    expect(state.databases).toBe(1);
    expect(
      (
        await worker.db.client.sql`
          select provisioning_status from control_plane.projects where id = ${project.id}`
      )[0],
    ).toEqual({ provisioning_status: 'provisioning' });

    // The next run resumes and finishes, with one database.
    const next = await provisionProject(
      payloadFor(project),
      { ...worker.ctx, journal },
      {
        attempt: 2,
        finalAttempt: true,
        storeResult: false,
      },
    );
    expect(next.job.state).toBe('completed');
    expect(await projectState({ db: worker.db, journal }, project.id)).toMatchObject({
      databases: 1,
      roles: 1,
      activeKeys: 2,
    });
  };

  it('when the queue takes its job away (the job’s signal), at its next checkpoint', async () => {
    const job = new AbortController();
    await expectLeftForTheNextRun(await runLosing(() => Promise.resolve(job.abort()), job.signal));
  });

  it('when its lock’s session ends, within the lease’s checks', async () => {
    const { sql } = worker.db.client;
    await expectLeftForTheNextRun(
      await runLosing(async () => {
        // The server ends the holder's session (as it does a cut-off client's): the lock goes with it.
        const ended = await sql`
          select pg_terminate_backend(l.pid) from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and a.application_name = 'lost-lease-journal'`;
        expect(ended).toHaveLength(1);
        // The holder checks every second; give it two.
        await sleep(2000);
      }),
    );
  });
});
