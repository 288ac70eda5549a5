import { serializeError } from '@org/errors';
import { withRetry } from '@org/retry';
import type { Logger } from 'pino';
import type { StepJournal, StepJournalStart } from '../journal/index.js';
import type { StepCompletion } from '@org/operations';
import { retryPolicy } from './retry-policies.js';
import type { AnyStep, OperationPayload, StepOutput, StepTable } from './step.js';
import type { WorkerContext } from './worker-context.js';

/** How walking the table ended. */
export type StepsOutcome =
  | { ok: true; outputs: Record<string, StepOutput>; last: StepCompletion }
  /** `started`: the steps this run started, the failing one included (what an undo walk may have to put back). */
  | { ok: false; step: string; error: unknown; started: string[] };

type StepEnd = { step: string; ok: true; completion: StepCompletion } | { step: string; ok: false; error: unknown };

/** Which run of the operation this is. */
export interface RunInfo {
  /** The queue attempt (1 for a direct call). */
  attempt: number;
  startedAt: number;
  /**
   * Put before the step's name in its checkpoints and metrics: the operation's kind for all
   * but a provisioning (`suspend:` gives `suspend:api_keys:before`), whose step names are its own.
   */
  prefix?: string;
}

/**
 * The one runner of every operation's step table. Walks the table: a step an earlier run completed is not run again (its recorded output
 * is used), which is what makes a retried job resume. Every step whose predecessors
 * (`StepTable.waitsFor`) have completed, and whose start point (`StepTable.notBefore`) was
 * passed, starts at once, so steps that do not depend on each other run side by side.
 * Each runs under its own retry policy, between the checkpoints `<step>:before` and
 * `<step>:after`. A completion and the starts it allows are one journal write (a start
 * point passed is one more); the last completion is left to the settlement, which commits it
 * with the result. After a failure nothing new starts, and the run ends when the steps
 * already running have ended: nothing is left running behind the settlement. A run that
 * loses its project (`journal.signal`) stops its steps at their next checkpoint or retry
 * wait: a step never completes after the loss, and the run fails with `LEASE_LOST`.
 */
export async function runSteps<Payload extends OperationPayload>(
  table: StepTable<Record<string, StepOutput>, Payload>,
  payload: Payload,
  journal: StepJournal<StepJournalStart>,
  ctx: WorkerContext,
  log: Logger,
  run: RunInfo,
): Promise<StepsOutcome> {
  const prefix = run.prefix ?? '';
  const { signal } = journal;
  const outputs: Record<string, StepOutput> = {};
  for (const [name, recorded] of journal.start.recorded) {
    if (recorded.status === 'completed') outputs[name] = recorded.output ?? {};
  }
  const waiting = table.steps.filter((step) => !(step.name in outputs));
  const running = new Map<string, Promise<StepEnd>>();
  const startedHere: string[] = [];
  let failure: { step: string; error: unknown } | undefined;
  let journalLost = false;
  let done: StepCompletion | undefined;
  // The start points passed in this run; passing one wakes the loop below.
  const passed = new Set<string>();
  let wake = () => {};
  const startPoints = new Set(table.steps.map((step) => table.notBefore(step)).filter((point) => point !== undefined));
  const mayStart = (step: AnyStep) => {
    const point = table.notBefore(step);
    return point === undefined || passed.has(point) || point.slice(0, point.indexOf(':')) in outputs;
  };
  for (;;) {
    // Made before `ready` is read: a point passed from here on (during the journal write
    // below, say) wakes the wait at the end of this turn.
    const woken = new Promise<undefined>((resolve) => (wake = () => resolve(undefined)));
    if (signal.aborted && failure === undefined)
      failure = { step: running.keys().next().value ?? 'run', error: signal.reason };
    const ready =
      failure === undefined
        ? waiting.filter((step) => table.waitsFor(step).every((name) => name in outputs) && mayStart(step))
        : [];
    // A completion is written now unless it may be the run's last (the settlement's).
    if (!journalLost && (ready.length > 0 || (done !== undefined && (running.size > 0 || failure !== undefined)))) {
      try {
        await journal.transition({ done, started: ready.map((step) => step.name) });
        done = undefined;
      } catch (error) {
        // The journal's connection (and with it the project's lock) is gone: start nothing more.
        journalLost = true;
        failure ??= { step: ready[0]?.name ?? done?.step ?? 'journal', error };
        continue;
      }
    }
    for (const step of ready) {
      waiting.splice(waiting.indexOf(step), 1);
      startedHere.push(step.name);
      running.set(step.name, runStep(step, { ...outputs }));
    }
    if (running.size === 0) break;
    const end = await Promise.race([...running.values(), woken]);
    if (end === undefined) continue; // a start point was passed
    running.delete(end.step);
    if (end.ok) {
      outputs[end.step] = end.completion.output;
      done = end.completion;
    } else if (failure === undefined) {
      failure = { step: end.step, error: end.error };
    } else if (!journalLost) {
      // The first failure is the run's (the settlement records it); this one is recorded beside it.
      await journal
        .transition({ failed: { step: end.step, error: serializeError(end.error) }, started: [] })
        .catch(() => {
          journalLost = true;
        });
    }
  }
  if (failure !== undefined) return { ok: false, ...failure, started: [...startedHere] };
  if (done === undefined) throw new Error('a run reached the end of the table without running its last step');
  return { ok: true, outputs, last: done };

  async function runStep(step: AnyStep, earlier: Record<string, StepOutput>): Promise<StepEnd> {
    const projectId = payload.project_id;
    const checkpoint = async (name: string): Promise<void> => {
      signal.throwIfAborted();
      await ctx.onCheckpoint?.(`${prefix}${name}`, projectId);
      signal.throwIfAborted();
      if (startPoints.has(name) && !passed.has(name)) {
        passed.add(name);
        wake();
      }
    };
    const started = Date.now();
    try {
      await checkpoint(`${step.name}:before`);
      const retry = {
        ...retryPolicy(step.retry, ctx.retryDelayScale),
        signal,
        onRetry: ({ attempt, delay, error }: { attempt: number; delay: number; error: unknown }) => {
          ctx.metrics?.stepRetries.inc({ step: `${prefix}${step.name}` });
          log.warn({ step: step.name, attempt, delay, error: serializeError(error) }, 'step failed, retrying');
        },
      };
      const recorded = journal.start.recorded.get(step.name);
      const runs = (recorded?.attempts ?? 0) + 1;
      const attemptOnce = ({ attempt, signal }: { attempt: number; signal: AbortSignal }) =>
        step.run({
          payload,
          earlier,
          ctx,
          attempt,
          runs,
          mayHaveRunBefore: attempt > 1 || runs > 1 || run.attempt > 1,
          run: { attempt: run.attempt, startedAt: run.startedAt, steps: table.names },
          retry,
          signal,
          checkpoint: (name) => checkpoint(`${step.name}:${name}`),
        });
      const output = step.retryEach
        ? await attemptOnce({ attempt: 1, signal })
        : await withRetry(attemptOnce, retry, step.name);
      await checkpoint(`${step.name}:after`);
      const durationMs = Date.now() - started;
      ctx.metrics?.stepDuration.observe({ step: `${prefix}${step.name}` }, durationMs / 1000);
      log.info({ step: step.name, durationMs }, 'step completed');
      return { step: step.name, ok: true, completion: { step: step.name, output, durationMs } };
    } catch (error) {
      return { step: step.name, ok: false, error };
    }
  }
}
