import { LeaseLostError } from '@org/errors';
import { createTestDatabase, type TestDatabase } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failOpenOperation,
  LEASE_LOST_SQLSTATE,
  leaseLostOr,
  migrateControlPlane,
  recordStepTransition,
  settleProvisioningForRetry,
  takeProjectLease,
} from '../src/index.js';

// Fencing (issue 33): a run that lost its project (its lock's session ended, another run
// took the project) must not write over the run that holds it now, whatever connection its
// late write comes on.
describe('a project’s lease', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;

  beforeAll(async () => {
    database = await createTestDatabase('leases');
    sql = postgres(database.url, { max: 4, onnotice: () => {} });
    await migrateControlPlane(sql);
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  const newProject = async (): Promise<string> => {
    const [project] = await sql<{ id: string }[]>`
      insert into control_plane.projects (name, region, owner_id, organization_id, provisioning_status)
      values ('lease', 'us-east-1', 'owner', 'org', 'provisioning') returning id`;
    return project!.id;
  };

  it('goes up by one generation per take, and refuses the writes of every earlier one', async () => {
    const projectId = await newProject();
    const first = await sql.reserve();
    const firstLease = await takeProjectLease(first, projectId, 'worker-a');
    const [session] = await first<{ pid: number }[]>`select pg_backend_pid() as pid`;
    // Worker A's session ends (the server gave up on it): its lock is free.
    await sql`select pg_terminate_backend(${session!.pid})`;
    await expect(first`select 1`).rejects.toThrow();
    first.release();

    const second = await sql.reserve();
    try {
      const secondLease = await takeProjectLease(second, projectId, 'worker-b');
      expect(BigInt(secondLease.generation!)).toBe(BigInt(firstLease.generation!) + 1n);
      const [holder] = await sql`select holder from control_plane.project_leases where project_id = ${projectId}`;
      expect(holder).toEqual({ holder: 'worker-b' });

      // A's late writes, on any connection: each is refused whole, and nothing of it lands.
      const late = [
        () =>
          settleProvisioningForRetry(sql, firstLease, {
            attemptId: null,
            operationId: null,
            step: 'database',
            error: { code: 'X', message: 'late', retryable: true },
            reason: 'late',
          }),
        () =>
          recordStepTransition(
            sql,
            { lease: firstLease, attemptId: null, provisioningOf: projectId },
            { started: ['schema'] },
          ),
        () => failOpenOperation(sql, firstLease, projectId, { code: 'X', message: 'late', retryable: false }),
      ];
      for (const write of late) {
        const refusal = await Promise.resolve(write()).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect((refusal as { code?: string }).code).toBe(LEASE_LOST_SQLSTATE);
        expect(LeaseLostError.is(leaseLostOr(refusal, projectId))).toBe(true);
      }
      const [project] = await sql`
        select provisioning_error, provisioning_step from control_plane.projects where id = ${projectId}`;
      expect(project).toEqual({ provisioning_error: null, provisioning_step: null });
      expect(await sql`select 1 from control_plane.provisioning_steps where project_id = ${projectId}`).toHaveLength(0);

      // B's own writes pass.
      await recordStepTransition(
        second,
        { lease: secondLease, attemptId: null, provisioningOf: projectId },
        {
          started: ['schema'],
        },
      );
      const [after] = await sql`select provisioning_step from control_plane.projects where id = ${projectId}`;
      expect(after).toEqual({ provisioning_step: 'schema' });
    } finally {
      await second`select pg_advisory_unlock_all()`;
      second.release();
    }
  });

  it('waits for the project’s lock, and has no generation for a project that does not exist', async () => {
    const projectId = await newProject();
    const holder = await sql.reserve();
    const waiter = await sql.reserve();
    try {
      await takeProjectLease(holder, projectId, 'holder');
      await waiter`set lock_timeout = '200ms'`;
      const locked = await takeProjectLease(waiter, projectId, 'waiter').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect((locked as { code?: string }).code).toBe('55P03');
      const missing = await takeProjectLease(waiter, '00000000-0000-4000-8000-000000000000', 'waiter');
      expect(missing.generation).toBeNull();
    } finally {
      await holder`select pg_advisory_unlock_all()`;
      await waiter`select pg_advisory_unlock_all()`;
      holder.release();
      waiter.release();
    }
  });
});
