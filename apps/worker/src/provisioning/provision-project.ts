import { randomUUID } from 'node:crypto';
import { classifyError, isProvisioningError, ValidationError } from '@org/errors';
import { projects, provisioningAttempts, provisioningResults, provisioningSteps, tenantConnectionUrl } from '@org/db';
import { and, eq, sql } from 'drizzle-orm';
import { compensateProvisioning } from './compensate-provisioning.js';
import type { ProvisioningPayload } from './provisioning-payload.js';
import type { ProvisioningData, ProvisioningFailure, ProvisioningResult } from './provisioning-result.js';
import { PROVISIONING_STEPS } from './provisioning-quotas.js';
import {
  apiKeysStep,
  databaseStep,
  recordedServices,
  schemaStep,
  servicesStep,
  tenantPassword,
  validateStep,
} from './provisioning-steps.js';
import { peekProvisioningResult, sealProvisioningResult } from './result-store.js';
import { errorSummary, StepRunner } from './step-runner.js';
import { updateProjectProvisioningStatus, validateProvisioningParams, verifyProjectExists } from './validation.js';
import { withAsyncCommit } from './with-async-commit.js';
import { withProjectLock } from './with-project-lock.js';
import type { WorkerContext } from './worker-context.js';

export interface ProvisionOptions {
  /** 1 for the first run of the job. */
  attempt?: number;
  jobId?: string;
  /**
   * Whether this is the last attempt: a failure then compensates (revoke, disable, drop)
   * and the project ends `failed`. Direct calls default to true: nobody retries for them.
   */
  finalAttempt?: boolean;
  workerId?: string;
  /**
   * Keep the plaintext result sealed for one `claimProvisioningResult` (default true: the
   * queue's caller is not the process that ran the job). A direct caller gets it returned.
   */
  storeResult?: boolean;
}

/** What a run produced, with the error kept whole for the queue's retry decision. */
export interface ProvisionOutcome {
  result: ProvisioningResult;
  /** The thrown error of a failed run. */
  error?: unknown;
  /** Whether the failure may succeed on a later attempt (false after compensation). */
  retryable: boolean;
}

/**
 * Runs (or resumes) the provisioning of one project under its advisory lock: validate,
 * database, schema, services, api keys, finalize, each retried in-process with its spec
 * preset and recorded when done. The plaintext result is stored sealed for a single claim.
 */
export async function provisionProject(
  payload: unknown,
  ctx: WorkerContext,
  options: ProvisionOptions = {},
): Promise<ProvisionOutcome> {
  const started = Date.now();
  const attempt = options.attempt ?? 1;
  let input: ProvisioningPayload;
  try {
    input = validateProvisioningParams(payload);
  } catch (error) {
    return { result: failure(error), error, retryable: false };
  }
  const projectId = input.project_id.toLowerCase();
  const log = ctx.logger.child({ projectId, attempt, ...(options.jobId ? { jobId: options.jobId } : {}) });
  ctx.metrics?.jobsStarted.inc();

  try {
    return await withProjectLock(projectId, ctx, async () => {
      // Holding the lock, no other run of this project is alive: attempts still marked
      // running belong to workers that died.
      await withAsyncCommit(ctx.db, (tx) =>
        tx
          .update(provisioningAttempts)
          .set({
            status: 'failed',
            error: { code: 'WORKER_LOST', message: 'the worker running this attempt stopped' },
            finishedAt: sql`now()`,
          })
          .where(and(eq(provisioningAttempts.projectId, projectId), eq(provisioningAttempts.status, 'running'))),
      );
      // Eligibility is checked on every run, not only in the first: a project provisioned or
      // torn down since must not be touched (and must not be compensated either).
      try {
        await verifyProjectExists(projectId, ctx.db);
      } catch (error) {
        // A run that died after committing its last step left the project provisioned but
        // not its own bookkeeping: this retry of the same job finishes that and succeeds.
        // Only a project that is not eligible can be in that state, so only then is it asked.
        const finished = classifyError(error).retryable ? undefined : await finishedByLostRun(projectId, ctx);
        if (finished !== undefined) {
          log.info('provisioning had completed before its worker was lost');
          ctx.metrics?.jobsSucceeded.inc();
          return { result: { success: true, data: finished }, retryable: false };
        }
        log.warn({ error: errorSummary(error) }, 'project not eligible for provisioning');
        ctx.metrics?.jobsFailed.inc();
        // Not eligible is final; the check itself failing (the database restarting) is not.
        return { result: failure(error), error, retryable: classifyError(error).retryable };
      }
      const [attemptRow] = await withAsyncCommit(ctx.db, (tx) =>
        tx
          .insert(provisioningAttempts)
          .values({ projectId, attempt, jobId: options.jobId ?? null, workerId: options.workerId ?? null })
          .returning({ id: provisioningAttempts.id }),
      );
      const runner = await StepRunner.load(projectId, ctx);
      let failedStep: string | undefined;
      try {
        log.info({ resumedAfter: runner.completedSteps() }, 'provisioning started');
        failedStep = 'validate';
        await validateStep(runner, { ...input, project_id: projectId }, ctx);
        failedStep = 'database';
        const database = await databaseStep(runner, { ...input, project_id: projectId }, ctx);
        failedStep = 'schema';
        await schemaStep(runner, { ...input, project_id: projectId }, database, ctx);
        failedStep = 'services';
        await servicesStep(runner, { ...input, project_id: projectId }, ctx);
        failedStep = 'api_keys';
        const keys = await apiKeysStep(runner, { ...input, project_id: projectId }, ctx);
        failedStep = 'finalize';
        const data = await finalize(projectId, input.region, database, keys.sealed, runner, ctx, {
          attempt,
          attemptId: attemptRow!.id,
          startedAt: started,
          storeResult: options.storeResult !== false,
        });
        ctx.metrics?.jobsSucceeded.inc();
        log.info({ durationMs: Date.now() - started }, 'project provisioned');
        return { result: { success: true, data }, retryable: false };
      } catch (error) {
        const retryable = classifyError(error).retryable;
        const summary = errorSummary(error);
        await ctx.db.client.db
          .update(provisioningAttempts)
          .set({ status: 'failed', error: { ...summary, step: failedStep }, finishedAt: sql`now()` })
          .where(eq(provisioningAttempts.id, attemptRow!.id));
        ctx.metrics?.jobsFailed.inc();
        const final = options.finalAttempt !== false || !retryable;
        log.error({ step: failedStep, error: summary, final }, 'provisioning attempt failed');
        if (final) {
          await compensateProvisioning(projectId, ctx, {
            reason: `${String(summary['code'])}: ${String(summary['message'])}`,
            locked: true,
          });
        } else {
          await updateProjectProvisioningStatus(
            projectId,
            'provisioning',
            { error: `${String(summary['code'])}: ${String(summary['message'])}` },
            ctx.db,
          );
        }
        return { result: failure(error, failedStep), error, retryable: retryable && !final };
      }
    });
  } catch (error) {
    // The lock could not be had (another run of this project), or the database is gone.
    ctx.metrics?.jobsFailed.inc();
    log.warn({ error: errorSummary(error) }, 'provisioning run could not start');
    return { result: failure(error), error, retryable: classifyError(error).retryable };
  }
}

async function finalize(
  projectId: string,
  region: string,
  database: Awaited<ReturnType<typeof databaseStep>>,
  sealedKeys: string | undefined,
  runner: StepRunner,
  ctx: WorkerContext,
  meta: {
    attempt: number;
    attemptId: (typeof provisioningAttempts.$inferSelect)['id'];
    startedAt: number;
    storeResult: boolean;
  },
): Promise<ProvisioningData> {
  let data: ProvisioningData | undefined;
  await runner.run('finalize', { maxAttempts: 3, initialDelay: 200 }, async () => {
    // A re-run of this step after a crash finds the result it stored the first time.
    data = await peekProvisioningResult(projectId, ctx.db);
    if (data === undefined) {
      const password = await tenantPassword(database.databaseName, ctx);
      const cluster = ctx.db.clusters.cluster(database.cluster);
      data = {
        database: {
          name: database.databaseName,
          host: database.host,
          port: database.port,
          user: database.roleName,
          password,
          connection_string: cluster
            ? tenantConnectionUrl(cluster.url, database.databaseName, { user: database.roleName, password })
            : '',
          region,
          cluster: database.cluster,
        },
        services: Object.fromEntries(
          (await recordedServices(projectId, ctx)).map((row) => [
            row.serviceType,
            { service_id: row.serviceId, endpoint: row.endpoint, status: row.status },
          ]),
        ),
        api_keys:
          sealedKeys === undefined
            ? []
            : (JSON.parse(ctx.db.secrets.open(sealedKeys, projectId)) as ProvisioningData['api_keys']),
        metadata: {
          project_id: projectId,
          region,
          provisioned_at: new Date().toISOString(),
          attempt: meta.attempt,
          duration_ms: Date.now() - meta.startedAt,
          steps: [...PROVISIONING_STEPS],
        },
      };
    }
    const sealed = meta.storeResult ? sealProvisioningResult(projectId, data, ctx.db) : undefined;
    // One transaction, durably committed: the project is provisioned exactly when its
    // sealed result exists and its attempt has succeeded, and the keys then live in that
    // result alone.
    await ctx.db.client.db.transaction(async (tx) => {
      if (sealed !== undefined) await tx.insert(provisioningResults).values(sealed).onConflictDoNothing();
      await tx
        .update(projects)
        .set({
          provisioningStatus: 'provisioned',
          provisioningStep: 'finalize',
          provisioningError: null,
          provisionedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(eq(projects.id, projectId));
      await tx
        .update(provisioningSteps)
        .set({ output: sql`${provisioningSteps.output} - 'sealed'` })
        .where(and(eq(provisioningSteps.projectId, projectId), eq(provisioningSteps.step, 'api_keys')));
      await tx
        .update(provisioningAttempts)
        .set({ status: 'succeeded', finishedAt: sql`now()` })
        .where(eq(provisioningAttempts.id, meta.attemptId));
    });
    return { provisioned: true };
  });
  return data!;
}

/**
 * The project's result when it is provisioned while its finalize step is not recorded as
 * completed (the run died between the two), after recording it; otherwise undefined.
 */
async function finishedByLostRun(projectId: string, ctx: WorkerContext): Promise<ProvisioningData | undefined> {
  const [project] = await ctx.db.client.db.select().from(projects).where(eq(projects.id, projectId));
  if (project?.provisioningStatus !== 'provisioned') return undefined;
  const [finalizeStep] = await ctx.db.client.db
    .select()
    .from(provisioningSteps)
    .where(and(eq(provisioningSteps.projectId, projectId), eq(provisioningSteps.step, 'finalize')));
  if (finalizeStep === undefined || finalizeStep.status === 'completed') return undefined;
  await withAsyncCommit(ctx.db, (tx) =>
    tx
      .update(provisioningSteps)
      .set({ status: 'completed', output: { provisioned: true }, completedAt: sql`now()` })
      .where(and(eq(provisioningSteps.projectId, projectId), eq(provisioningSteps.step, 'finalize'))),
  );
  return (await peekProvisioningResult(projectId, ctx.db)) ?? emptyResult(project);
}

/** What can be said of a provisioned project whose one-time result is gone (claimed or never stored). */
function emptyResult(project: typeof projects.$inferSelect): ProvisioningData {
  return {
    database: {
      name: '',
      host: '',
      port: 0,
      user: '',
      password: '',
      connection_string: '',
      region: project.region,
      cluster: '',
    },
    services: {},
    api_keys: [],
    metadata: {
      project_id: project.id,
      region: project.region,
      provisioned_at: project.provisionedAt?.toISOString() ?? '',
      attempt: 0,
      duration_ms: 0,
      steps: [...PROVISIONING_STEPS],
    },
  };
}

/** The spec's error shape from any thrown value: codes, fields and messages, no secrets. */
export function failure(error: unknown, step?: string): ProvisioningResult {
  const classification = classifyError(error);
  const detail: ProvisioningFailure = {
    code: classification.code,
    message: isProvisioningError(error) ? error.message : classification.reason,
    retryable: classification.retryable,
    ...(step === undefined ? {} : { step }),
    ...(ValidationError.is(error) ? { fields: error.issues.map((issue) => issue.path) } : {}),
  };
  return { success: false, error: detail };
}

/**
 * The spec's handler, for direct use without the queue: provisions the project and returns
 * its result. A failure is final here (nobody retries a direct call): whatever was made is
 * cleaned up. The result is returned, not stored: no sealed copy stays at rest.
 */
export async function provisionProjectHandler(payload: unknown, ctx: WorkerContext): Promise<ProvisioningResult> {
  const outcome = await provisionProject(payload, ctx, {
    finalAttempt: true,
    storeResult: false,
    workerId: `direct-${randomUUID()}`,
  });
  return outcome.result;
}
