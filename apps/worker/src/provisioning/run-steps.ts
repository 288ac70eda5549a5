import { serializeError } from '@org/errors';
import { withRetry } from '@org/retry';
import type { Logger } from 'pino';
import type { JournalRun, StepCompletion } from '../journal/index.js';
import type { ProvisioningPayload } from './provisioning-payload.js';
import { scaleRetryDelays } from './scale-retry-delays.js';
import type { StepOutput, StepTable } from './step.js';
import type { WorkerContext } from './worker-context.js';

/** How walking the table ended. */
export type StepsOutcome =
  { ok: true; outputs: Record<string, StepOutput>; last: StepCompletion } | { ok: false; step: string; error: unknown };

/**
 * Walks the table: a step an earlier run completed is not run again (its recorded output
 * is used), which is what makes a retried job resume. Each step runs under its own retry
 * policy, between the checkpoints `<step>:before` and `<step>:after`; its completion and
 * the next step's start are one journal write. The last completion is left to the
 * settlement, which commits it with the result.
 */
export async function runSteps(
  table: StepTable<Record<string, StepOutput>>,
  payload: ProvisioningPayload,
  journal: JournalRun,
  ctx: WorkerContext,
  log: Logger,
  run: { attempt: number; startedAt: number },
): Promise<StepsOutcome> {
  const projectId = payload.project_id;
  const outputs: Record<string, StepOutput> = {};
  const checkpoint = async (name: string): Promise<void> => {
    await ctx.onCheckpoint?.(name, projectId);
  };
  let done: StepCompletion | undefined;
  for (const step of table.steps) {
    const recorded = journal.start.recorded.get(step.name);
    if (recorded?.status === 'completed') {
      outputs[step.name] = recorded.output ?? {};
      continue;
    }
    const started = Date.now();
    try {
      await journal.transition(done, step.name);
      await checkpoint(`${step.name}:before`);
      const retry = {
        ...scaleRetryDelays(step.retry, ctx.retryDelayScale),
        onRetry: ({ attempt, delay, error }: { attempt: number; delay: number; error: unknown }) => {
          ctx.metrics?.stepRetries.inc({ step: step.name });
          log.warn({ step: step.name, attempt, delay, error: serializeError(error) }, 'step failed, retrying');
        },
      };
      const attemptOnce = ({ attempt, signal }: { attempt: number; signal: AbortSignal }) =>
        step.run({
          payload,
          earlier: outputs,
          ctx,
          attempt,
          runs: (recorded?.attempts ?? 0) + 1,
          run: { ...run, steps: table.names },
          retry,
          signal,
          checkpoint: (name) => checkpoint(`${step.name}:${name}`),
        });
      const output = step.retryEach
        ? await attemptOnce({ attempt: 1, signal: new AbortController().signal })
        : await withRetry(attemptOnce, retry, step.name);
      await checkpoint(`${step.name}:after`);
      const durationMs = Date.now() - started;
      ctx.metrics?.stepDuration.observe({ step: step.name }, durationMs / 1000);
      log.info({ step: step.name, durationMs }, 'step completed');
      outputs[step.name] = output;
      done = { step: step.name, output, durationMs };
    } catch (error) {
      return { ok: false, step: step.name, error };
    }
  }
  if (done === undefined) throw new Error('a run reached the end of the table without running its last step');
  return { ok: true, outputs, last: done };
}
