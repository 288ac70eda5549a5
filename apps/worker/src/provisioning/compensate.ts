import { CompensationError } from '@org/errors';
import { withRetry } from '@org/retry';
import { PROVISIONING } from './provisioning-steps.js';
import { retryPolicy } from './retry-policies.js';
import type { WorkerContext } from './worker-context.js';

/** How many things each step's undo removed, by step name. */
export type CompensationReport = Record<string, number>;

/**
 * Undoes a provisioning: every step's `undo`, last step first, each under the step's
 * retry policy. Idempotent: run again, it finds nothing and removes nothing. The caller
 * holds the project's lock and settles the journal. A failing undo is a
 * `CompensationError` that keeps the step whose failure started it.
 */
export async function compensate(
  projectId: string,
  ctx: WorkerContext,
  original?: { step?: string; error: unknown },
): Promise<CompensationReport> {
  const report: CompensationReport = {};
  for (const step of [...PROVISIONING.steps].reverse()) {
    const undo = step.undo;
    if (undo === undefined) continue;
    try {
      report[step.name] = await withRetry(
        () => undo(projectId, ctx),
        retryPolicy(step.retry, ctx.retryDelayScale),
        `undo ${step.name}`,
      );
    } catch (error) {
      throw new CompensationError(step.name, error, original);
    }
  }
  return report;
}
