import { isProvisioningError, ValidationError } from '@org/errors';
import { provisioningSteps, projects } from '@org/db';
import { withRetry, type RetryConfig } from '@org/retry';
import { and, eq, sql } from 'drizzle-orm';
import type { ProvisioningStepName } from './provisioning-quotas.js';
import { scaleRetryDelays } from './scale-retry-delays.js';
import { withAsyncCommit } from './with-async-commit.js';
import type { WorkerContext } from './worker-context.js';

/** The non-secret shape of an error as stored in step and attempt rows and job output. */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (isProvisioningError(error)) {
    const json = error.toJSON();
    return {
      code: json.code,
      message: json.message,
      retryable: json.retryable,
      ...(ValidationError.is(error) ? { fields: error.issues.map((issue) => issue.path) } : {}),
      ...(json.cause ? { cause: json.cause } : {}),
    };
  }
  const record = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown };
  return {
    code: typeof record.code === 'string' ? record.code : 'UNKNOWN',
    message: String((error as Error)?.message ?? error),
  };
}

/**
 * Runs a project's steps and records each: a step completed by an earlier run is never
 * run again (its recorded output is returned), which is what makes a retried job resume.
 */
export class StepRunner {
  private readonly completed = new Map<string, Record<string, unknown>>();

  private constructor(
    private readonly projectId: string,
    private readonly ctx: WorkerContext,
  ) {}

  static async load(projectId: string, ctx: WorkerContext): Promise<StepRunner> {
    const runner = new StepRunner(projectId, ctx);
    const rows = await ctx.db.client.db
      .select()
      .from(provisioningSteps)
      .where(eq(provisioningSteps.projectId, projectId));
    for (const row of rows) if (row.status === 'completed') runner.completed.set(row.step, row.output ?? {});
    return runner;
  }

  /** Names of the steps completed so far, by this run or earlier ones. */
  completedSteps(): string[] {
    return [...this.completed.keys()];
  }

  outputOf(step: ProvisioningStepName): Record<string, unknown> | undefined {
    return this.completed.get(step);
  }

  async run<T extends Record<string, unknown>>(
    step: ProvisioningStepName,
    retry: RetryConfig,
    body: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const done = this.completed.get(step);
    if (done !== undefined) return done as T;
    const started = Date.now();
    await withAsyncCommit(this.ctx.db, async (tx) => {
      await tx
        .update(projects)
        .set({ provisioningStep: step, updatedAt: sql`now()` })
        .where(eq(projects.id, this.projectId));
      await tx
        .insert(provisioningSteps)
        .values({ projectId: this.projectId, step, status: 'running', attempts: 1 })
        .onConflictDoUpdate({
          target: [provisioningSteps.projectId, provisioningSteps.step],
          set: {
            status: 'running',
            attempts: sql`${provisioningSteps.attempts} + 1`,
            error: null,
            startedAt: sql`now()`,
          },
        });
    });
    try {
      await this.ctx.onCheckpoint?.(`${step}:before`, this.projectId);
      const output = await withRetry(({ signal }) => body(signal), this.scaled(retry, step), step);
      await this.ctx.onCheckpoint?.(`${step}:after`, this.projectId);
      const durationMs = Date.now() - started;
      await withAsyncCommit(this.ctx.db, (tx) =>
        tx
          .update(provisioningSteps)
          .set({ status: 'completed', output, completedAt: sql`now()`, durationMs })
          .where(and(eq(provisioningSteps.projectId, this.projectId), eq(provisioningSteps.step, step))),
      );
      this.ctx.metrics?.stepDuration.observe({ step }, durationMs / 1000);
      this.completed.set(step, output);
      this.ctx.logger.info({ projectId: this.projectId, step, durationMs }, 'step completed');
      return output;
    } catch (error) {
      await withAsyncCommit(this.ctx.db, (tx) =>
        tx
          .update(provisioningSteps)
          .set({ status: 'failed', error: errorSummary(error), durationMs: Date.now() - started })
          .where(and(eq(provisioningSteps.projectId, this.projectId), eq(provisioningSteps.step, step))),
      ).catch(() => undefined);
      throw error;
    }
  }

  private scaled(retry: RetryConfig, step: string): RetryConfig {
    return {
      ...scaleRetryDelays(retry, this.ctx.retryDelayScale),
      onRetry: ({ attempt, delay, error }) => {
        this.ctx.metrics?.stepRetries.inc({ step });
        this.ctx.logger.warn(
          { projectId: this.projectId, step, attempt, delay, error: errorSummary(error) },
          'step failed, retrying',
        );
      },
    };
  }
}
