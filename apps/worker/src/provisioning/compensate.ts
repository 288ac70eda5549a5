import { CompensationError } from '@org/errors';
import { withRetry } from '@org/retry';
import type { AnyStep, OperationPayload, StepOutput, StepTable } from './step.js';
import { retryPolicy } from './retry-policies.js';
import type { WorkerContext } from './worker-context.js';

/** How many things each step's undo removed or restored, by step name. */
export type CompensationReport = Record<string, number>;

/** What a compensation undoes, and why. */
export interface CompensateOptions {
  /**
   * Only these steps (the ones the operation started); every step of the table when
   * undefined, which is how a provisioning is undone: its undos find what exists by name, so
   * even a step whose start the journal lost is undone.
   */
  only?: ReadonlySet<string>;
  /** The failure that started it, kept by a `CompensationError`. */
  original?: { step?: string | undefined; error: unknown };
}

/**
 * The one undo walk of every operation: each step's `undo`, last step first, each under
 * the step's retry policy. Idempotent: run again, it finds nothing more to put back. The
 * caller holds the project's lock and settles the journal. A failing undo is a
 * `CompensationError` that keeps the step whose failure started it.
 */
export async function compensate<Payload extends OperationPayload>(
  table: StepTable<Record<string, StepOutput>, Payload>,
  projectId: string,
  ctx: WorkerContext,
  options: CompensateOptions = {},
): Promise<CompensationReport> {
  const report: CompensationReport = {};
  const steps: AnyStep[] = [...table.steps].reverse();
  for (const step of steps) {
    const undo = step.undo;
    if (undo === undefined || (options.only !== undefined && !options.only.has(step.name))) continue;
    try {
      report[step.name] = await withRetry(
        () => undo(projectId, ctx),
        retryPolicy(step.retry, ctx.retryDelayScale),
        `undo ${step.name}`,
      );
    } catch (error) {
      throw new CompensationError(step.name, error, options.original);
    }
  }
  return report;
}
