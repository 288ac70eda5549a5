import type { SerializedError } from '@org/errors';
import { LOST } from './worker-lost.js';
import type { OperationKind, OperationStatus } from './schema/operations.js';

/** One step of one run, with its times. */
export interface OperationStepRun {
  step: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  error: SerializedError | null;
}

/** One run (attempt) of an operation: the steps it ran, side by side where they overlap. */
export interface OperationRun {
  attempt: number;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  error: (SerializedError & { step?: string }) | null;
  steps: OperationStepRun[];
}

/** An operation as its caller sees it: status, last error, every run. Never holds a secret. */
export interface OperationReport {
  id: string;
  projectId: string;
  kind: OperationKind;
  status: OperationStatus;
  /** Runs started so far. */
  attempts: number;
  /** The last failure (the operation's reason when it `failed`), with its step. */
  error: (SerializedError & { step?: string }) | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  /** Oldest first. */
  runs: OperationRun[];
}

/** An entry of a lifecycle operation's append-only journal (`operations.events`). */
export type LifecycleEvent =
  | { type: 'attempt'; attempt: number; at: string }
  | { type: 'attempt-failed'; attempt: number; at: string; error: SerializedError & { step?: string } }
  | { type: 'attempt-succeeded'; attempt: number; at: string }
  | { type: 'step'; attempt: number; step: string; status: 'running'; at: string }
  | { type: 'step'; attempt: number; step: string; status: 'completed'; at: string; durationMs: number }
  | { type: 'step'; attempt: number; step: string; status: 'failed'; at: string; error: SerializedError };

/** A lifecycle operation's runs, folded from its events in order. */
export function lifecycleRuns(events: readonly LifecycleEvent[]): OperationRun[] {
  const runs = new Map<number, OperationRun>();
  for (const event of events) {
    if (event.type === 'attempt') {
      // A run still open when the next one starts was ended by its worker's death.
      for (const open of runs.values()) {
        if (open.status !== 'running') continue;
        open.status = 'failed';
        open.finishedAt = event.at;
        open.error = LOST;
        for (const step of open.steps)
          if (step.status === 'running') Object.assign(step, { status: 'failed', error: LOST });
      }
      runs.set(event.attempt, {
        attempt: event.attempt,
        status: 'running',
        startedAt: event.at,
        finishedAt: null,
        error: null,
        steps: [],
      });
      continue;
    }
    const run = runs.get(event.attempt);
    if (run === undefined) continue;
    if (event.type === 'attempt-failed' || event.type === 'attempt-succeeded') {
      run.status = event.type === 'attempt-failed' ? 'failed' : 'succeeded';
      run.finishedAt = event.at;
      if (event.type === 'attempt-failed') run.error = event.error;
      continue;
    }
    const step = run.steps.find((candidate) => candidate.step === event.step);
    if (event.status === 'running' || step === undefined) {
      run.steps.push({
        step: event.step,
        status: event.status,
        startedAt: event.at,
        finishedAt: null,
        durationMs: null,
        error: null,
      });
      continue;
    }
    step.status = event.status;
    step.finishedAt = event.at;
    if (event.status === 'completed') step.durationMs = event.durationMs;
    else step.error = event.error;
  }
  return [...runs.values()];
}
